import { useCallback } from 'react';
import { bridge } from '../../bridge/bridge';
import { useDb } from '../../db/db-context';
import type { ImportSummary } from './export-import';

/** Builds the backup .zip and hands it to the save dialog (a download in the browser build). */
export function useExportInspection(): (id: string) => Promise<{ saved: boolean; fileName?: string }> {
  const db = useDb();
  return useCallback(
    async (id) => {
      // The zip and record-checking code loads only when it is used.
      const { exportInspection } = await import('./export-import');
      const { zip, fileName } = await exportInspection(db, id);
      return bridge.files.save({ suggestedName: fileName, filter: { name: 'Tệp sao lưu biên bản', extensions: ['zip'] }, data: zip });
    },
    [db],
  );
}

export function useImportInspection(): (file: File) => Promise<ImportSummary> {
  const db = useDb();
  return useCallback(async (file) => {
    const { importInspection } = await import('./export-import');
    return importInspection(db, new Uint8Array(await file.arrayBuffer()));
  }, [db]);
}
