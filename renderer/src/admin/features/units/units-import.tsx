import { useId, useState } from 'react';
import type { z } from 'zod';
import type { unitsImportPreviewSchema } from '@shared/admin/admin-api';
import type { FileBody } from '../../api/client';
import { AdminApiError } from '../../api/api-error';
import { ErrorLine } from '../../components/error-line';
import { ProblemsTable } from '../../components/problems-table';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { importUnits, previewUnitsImport } from './mutations';

type Preview = z.infer<typeof unitsImportPreviewSchema> & { fileName: string };
/** The hub refuses files over 20 MB; saying so here saves the upload. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const SHOWN_UNITS = 200;

/** File → the hub's preview (new/changed/unchanged, every problem by row) → "Import" only when there is none. */
export function UnitsImport({ onImported }: { onImported: () => void }) {
  const { t, locale } = useAdminI18n();
  const inputId = useId();
  const [file, setFile] = useState<FileBody | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const choose = async (chosen: File | undefined) => {
    setPreview(null);
    setFile(null);
    setError(null);
    setDone(null);
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) return setError(new AdminApiError(413, 'too_large', chosen.name));
    setBusy(true);
    try {
      const body = { bytes: await chosen.arrayBuffer(), fileName: chosen.name };
      setPreview({ ...(await previewUnitsImport(body)), fileName: chosen.name });
      setFile(body);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const runImport = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await importUnits(file);
      setDone(t('import.done', { imported: result.imported.toLocaleString(locale), unchanged: result.unchanged.toLocaleString(locale) }));
      setPreview(null);
      setFile(null);
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const count = (change: 'new' | 'changed' | 'unchanged') => (preview?.units.filter((u) => u.change === change).length ?? 0).toLocaleString(locale);
  const clean = preview !== null && preview.ok && preview.problems.length === 0;
  return (
    <section className="card" aria-labelledby="units-import-title" data-testid="units-import">
      <h2 id="units-import-title">{t('import.title')}</h2>
      <p className="small muted">{t('import.hint')}</p>
      <input
        id={inputId}
        className="visually-hidden file-input"
        aria-label={t('import.choose')}
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          void choose(e.target.files?.[0]);
          // The same file chosen again (after fixing it) is read again.
          e.target.value = '';
        }}
        disabled={busy}
      />
      {/* The browser's own file button speaks the browser's language: this one speaks the console's. */}
      <label htmlFor={inputId} className="button file-button" aria-hidden="true">
        {t('import.choose')}
      </label>
      {busy && <p className="muted">{t('common.working')}</p>}
      <ErrorLine error={error} />
      {done && (
        <p className="notice" role="status" data-testid="import-done">
          {done}
        </p>
      )}
      {preview && (
        <div className="import-preview" data-testid="import-preview">
          <p>
            <strong>{preview.fileName}</strong>: {t('import.summary', { rows: preview.rows.toLocaleString(locale), new: count('new'), changed: count('changed'), unchanged: count('unchanged') })}
          </p>
          {preview.problems.length > 0 && (
            <>
              <ProblemsTable problems={preview.problems} caption={t('import.problemsCaption', { n: preview.problems.length })} />
              <p className="muted">{t('import.fixFirst')}</p>
            </>
          )}
          {preview.units.length > 0 && (
            <table className="table" data-testid="import-units">
              <thead>
                <tr>
                  <th scope="col">{t('import.change')}</th>
                  <th scope="col">{t('units.col.code')}</th>
                  <th scope="col">{t('units.col.name')}</th>
                  <th scope="col">{t('units.col.province')}</th>
                  <th scope="col" className="num">
                    {t('units.col.staff')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.units.slice(0, SHOWN_UNITS).map((u) => (
                  <tr key={u.code}>
                    <td>
                      <span className={`badge change-${u.change}`}>{t(`import.change.${u.change}`)}</span>
                    </td>
                    <td className="mono">{u.code}</td>
                    <td>{u.name}</td>
                    <td>{u.province}</td>
                    <td className="num">{u.staff.toLocaleString(locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.units.length > SHOWN_UNITS && <p className="muted small">{t('import.more', { n: preview.units.length - SHOWN_UNITS })}</p>}
          {clean && (
            <div className="actions">
              <button type="button" className="button primary" disabled={busy} onClick={() => void runImport()}>
                {t('import.submit', { n: preview.units.length.toLocaleString(locale) })}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
