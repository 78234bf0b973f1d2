import { useId, useState } from 'react';
import { z } from 'zod';
import type { TemplateCheck } from '@shared/admin/admin-api';
import { templateItems, templateRef } from '@shared/schemas';
import { workbookProblemSchema } from '@shared/template-workbook/types';
import { useConfirm } from '../../../app/confirm-dialog';
import type { FileBody } from '../../api/client';
import { AdminApiError } from '../../api/api-error';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { checkWorkbook, publishWorkbook } from './mutations';
import { TemplateDiffView } from './template-diff-view';
import { TemplatePreview } from './template-preview';
import { WorkbookProblemsTable } from './workbook-problems-table';

/** The hub refuses workbooks over 10 MB (a 300-item checklist is ~40 KB); saying so here saves the upload. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Workbook → the hub's check: every problem with its sheet and row and nothing published; or the
 * preview, the comparison with the version it replaces, and "Publish ID@version" after asking.
 */
export function TemplateUpload({ onPublished }: { onPublished: (result: { ref: string; legalBasesPublished: number }) => void }) {
  const { t, language } = useAdminI18n();
  const inputId = useId();
  const [dialog, ask] = useConfirm();
  const [file, setFile] = useState<FileBody | null>(null);
  const [check, setCheck] = useState<TemplateCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const choose = async (chosen: File | undefined) => {
    setCheck(null);
    setFile(null);
    setError(null);
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) return setError(new AdminApiError(413, 'too_large', chosen.name));
    setBusy(true);
    try {
      const body = { bytes: await chosen.arrayBuffer(), fileName: chosen.name };
      setCheck(await checkWorkbook(body));
      setFile(body);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const template = check?.ok ? check.template : undefined;
  const publish = async () => {
    if (!file || !template) return;
    const ref = templateRef(template);
    const ok = await ask({ title: t('templates.upload.publish.title', { ref }), message: <p>{t('templates.upload.publish.body', { ref })}</p>, confirmLabel: t('templates.upload.publish', { ref }) });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const result = await publishWorkbook(file);
      setCheck(null);
      setFile(null);
      onPublished(result);
    } catch (e) {
      // Refused on publishing (someone published that version meanwhile): its problems shown as on checking.
      const problems = e instanceof AdminApiError ? z.array(workbookProblemSchema).safeParse(e.problems) : null;
      if (problems?.success && problems.data.length > 0) setCheck({ ok: false, problems: problems.data, legalBases: [], replaces: null, diff: null });
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="template-upload-title" data-testid="template-upload">
        <h2 id="template-upload-title">{t('templates.upload.title')}</h2>
        <p className="small muted">{t('templates.upload.hint')}</p>
        <label htmlFor={inputId}>{t('templates.upload.file')} </label>
        <input
          id={inputId}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="workbook-file"
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            // The same file chosen again (after fixing it) is read again.
            e.target.value = '';
          }}
          disabled={busy}
        />
        {busy && <p className="muted">{t('templates.upload.checking')}</p>}
        <ErrorLine error={error} testId="upload-error" />
        {check && !check.ok && (
          <div className="import-preview">
            <WorkbookProblemsTable problems={check.problems} />
            <p className="muted">{t('templates.upload.fixFirst')}</p>
          </div>
        )}
        {template && (
          <div className="import-preview">
            <p data-testid="upload-ok">
              {t('templates.upload.ok', { ref: templateRef(template), title: template.title[language], items: templateItems(template).length, sections: template.sections.length })}
            </p>
            {check!.legalBases.length > 0 && <p className="small muted">{t('templates.upload.bases', { n: check!.legalBases.length })}</p>}
            <div className="actions">
              <button type="button" className="button primary" disabled={busy} onClick={() => void publish()} data-testid="publish">
                {t('templates.upload.publish', { ref: templateRef(template) })}
              </button>
            </div>
          </div>
        )}
      </section>
      {template && check && <TemplateDiffView check={check} template={template} />}
      {template && check && <TemplatePreview key={`${templateRef(template)}|${file?.fileName ?? ''}`} template={template} legalBases={check.legalBases} />}
      {dialog}
    </>
  );
}
