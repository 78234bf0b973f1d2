import { useState } from 'react';
import type { AdminTemplate } from '@shared/admin/admin-api';
import { useConfirm } from '../../../app/confirm-dialog';
import { ErrorLine } from '../../components/error-line';
import type { AdminKey } from '../../i18n/catalogue';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { downloadTemplateWorkbook, retireTemplate } from './mutations';
import { useTemplates } from './queries';
import { TemplateUpload } from './template-upload';
import { TemplatesTable } from './templates-table';
import './templates.css';

/** A result kept as its words' key, so it follows the console's language when that is switched. */
interface Notice {
  key: AdminKey;
  params: Record<string, string | number>;
}

/** The department's checklists: every version, any of them as a workbook, a new one from Excel, retiring one. */
export function TemplatesPage() {
  const { t } = useAdminI18n();
  const templates = useTemplates();
  const [dialog, ask] = useConfirm();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const act = async (run: () => Promise<Notice>) => {
    setNotice(null);
    setActionError(null);
    setBusy(true);
    try {
      setNotice(await run());
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = (ref: string) => act(async () => ({ key: 'templates.downloaded', params: { file: await downloadTemplateWorkbook(ref) } }));
  const retire = async ({ ref }: AdminTemplate) => {
    const ok = await ask({ title: t('templates.retire.title', { ref }), message: <p>{t('templates.retire.body', { ref })}</p>, confirmLabel: t('templates.retire.confirm', { ref }), danger: true });
    if (!ok) return;
    await act(async () => {
      await retireTemplate(ref);
      templates.reload();
      return { key: 'templates.retiredDone', params: { ref } };
    });
  };

  return (
    <section aria-labelledby="templates-title" className="templates-page">
      <div className="page-head">
        <h1 id="templates-title">{t('templates.title')}</h1>
      </div>
      <p className="small muted">{t('templates.hint')}</p>
      {notice && (
        <p className="notice" role="status" data-testid="templates-notice">
          {t(notice.key, notice.params)}
        </p>
      )}
      <ErrorLine error={actionError ?? templates.error} testId="templates-error" />
      {templates.data && <TemplatesTable templates={templates.data} busy={busy} onDownload={(ref) => void download(ref)} onRetire={(tpl) => void retire(tpl)} />}
      <TemplateUpload
        onPublished={({ ref, legalBasesPublished: n }) => {
          setNotice(n > 0 ? { key: 'templates.upload.publishedBases', params: { ref, n } } : { key: 'templates.upload.published', params: { ref } });
          templates.reload();
        }}
      />
      {dialog}
    </section>
  );
}
