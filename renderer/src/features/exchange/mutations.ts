import { useCallback } from 'react';
import { bridge } from '../../bridge/bridge';
import { useDb } from '../../db/db-context';
import type { ImportSummary } from './export-import';

/** A chosen backup that needs its passphrase before it can be read. */
export class BackupNeedsPassphrase extends Error {
  override name = 'BackupNeedsPassphrase';
}

/**
 * Builds the backup .zip and hands it to the save dialog (a download in the browser build); with a
 * passphrase the zip is sealed whole in an envelope (its own extension: it is no longer a zip).
 */
export function useExportInspection(): (id: string, passphrase?: string) => Promise<{ saved: boolean; fileName?: string }> {
  const db = useDb();
  return useCallback(
    async (id, passphrase) => {
      // The zip and record-checking code loads only when it is used.
      const { exportInspection } = await import('./export-import');
      const { zip, fileName } = await exportInspection(db, id);
      if (passphrase === undefined) return bridge.files.save({ suggestedName: fileName, filter: { name: 'Tệp sao lưu biên bản', extensions: ['zip'] }, data: zip });
      const { sealBackup } = await import('@shared/exchange/backup-envelope');
      const sealed = await sealBackup(zip, passphrase);
      return bridge.files.save({ suggestedName: fileName.replace(/\.zip$/, '.cvbk'), filter: { name: 'Tệp sao lưu biên bản có mật khẩu', extensions: ['cvbk'] }, data: sealed });
    },
    [db],
  );
}

/** Imports a backup; a protected one without its passphrase is BackupNeedsPassphrase (nothing read yet). */
export function useImportInspection(): (file: File, passphrase?: string) => Promise<ImportSummary> {
  const db = useDb();
  return useCallback(
    async (file, passphrase) => {
      const [{ importInspection }, { isSealedBackup, openBackup }] = await Promise.all([import('./export-import'), import('@shared/exchange/backup-envelope')]);
      let bytes: Uint8Array = new Uint8Array(await file.arrayBuffer());
      if (isSealedBackup(bytes)) {
        if (passphrase === undefined) throw new BackupNeedsPassphrase();
        bytes = await openBackup(bytes, passphrase);
      }
      return importInspection(db, bytes);
    },
    [db],
  );
}
