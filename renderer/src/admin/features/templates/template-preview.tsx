import { defaultLegalBases } from '@shared/legal-bases/default-legal-bases';
import type { LegalBasis, Template } from '@shared/schemas';
import { ChecklistView } from '../../../features/recording/checklist-view';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { usePreviewRecord } from './use-preview-record';

/**
 * The uploaded checklist exactly as the inspector's app shows it: the app's own checklist view
 * over a sample draft, answerable here in memory, in the console's language.
 */
export function TemplatePreview({ template, legalBases }: { template: Template; legalBases: readonly LegalBasis[] }) {
  const { t } = useAdminI18n();
  const { record, actions, reset } = usePreviewRecord(template);
  // The workbook's own bases, else the built-in ones it may cite without writing them out.
  const bases = [...defaultLegalBases, ...legalBases];
  return (
    <section className="card template-preview" aria-labelledby="template-preview-title" data-testid="template-preview">
      <div className="preview-head">
        <h2 id="template-preview-title">{t('templates.preview.title')}</h2>
        <button type="button" className="button small-button" onClick={reset}>
          {t('templates.preview.reset')}
        </button>
      </div>
      <p className="small muted">{t('templates.preview.hint')}</p>
      <div className="preview-frame">
        <ChecklistView key={record.inspection.id} record={record} templates={[template]} locked={false} actions={actions} legalBases={bases} rollCallHref={null} />
      </div>
    </section>
  );
}
