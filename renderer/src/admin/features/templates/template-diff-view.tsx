import type { TemplateCheck } from '@shared/admin/admin-api';
import type { Template } from '@shared/schemas';
import type { TemplateDiff } from '@shared/template-workbook/types';
import type { AdminKey } from '../../i18n/catalogue';
import { useAdminI18n } from '../../i18n/admin-i18n';

const fieldKeys: Record<string, AdminKey> = {
  text: 'templates.field.text',
  answerType: 'templates.field.answerType',
  critical: 'templates.field.critical',
  required: 'templates.field.required',
  wording: 'templates.field.wording',
  legalRefs: 'templates.field.legalRefs',
  basisNote: 'templates.field.basisNote',
  countFields: 'templates.field.countFields',
  compliantWhen: 'templates.field.compliantWhen',
  rosterKind: 'templates.field.rosterKind',
  perRosterRow: 'templates.field.perRosterRow',
  prefill: 'templates.field.prefill',
};

function isEmpty(diff: TemplateDiff): boolean {
  const { sections: s } = diff;
  return !diff.titleChanged && [s.added, s.removed, s.renamed, diff.added, diff.removed, diff.changed, diff.moved].every((list) => list.length === 0);
}

/** What the upload changes from the version it replaces, item by item; or that it is a new checklist. */
export function TemplateDiffView({ check, template }: { check: Pick<TemplateCheck, 'replaces' | 'diff'>; template: Template }) {
  const { t, language } = useAdminI18n();
  const { replaces, diff } = check;
  const textOf = new Map(template.sections.flatMap((s) => s.items.map((i) => [i.code, i.text[language]] as const)));
  const field = (name: string) => (fieldKeys[name] ? t(fieldKeys[name]) : name);
  return (
    <section className="card" aria-labelledby="template-diff-title" data-testid="template-diff">
      <h2 id="template-diff-title">{t('templates.diff.title')}</h2>
      {replaces === null || diff === null ? (
        <p data-testid="diff-new">{t('templates.diff.new', { id: template.id })}</p>
      ) : (
        <>
          <p data-testid="diff-replaces">{isEmpty(diff) ? t('templates.diff.none', { ref: replaces }) : t('templates.diff.replaces', { ref: replaces })}</p>
          {diff.titleChanged && <p>{t('templates.diff.titleChanged')}</p>}
          {diff.sections.added.length > 0 && <p>{t('templates.diff.sectionsAdded', { codes: diff.sections.added.join(', ') })}</p>}
          {diff.sections.removed.length > 0 && <p>{t('templates.diff.sectionsRemoved', { codes: diff.sections.removed.join(', ') })}</p>}
          {diff.sections.renamed.length > 0 && <p>{t('templates.diff.sectionsRenamed', { codes: diff.sections.renamed.join(', ') })}</p>}
          <div className="diff-lists">
            {diff.added.length > 0 && (
              <div data-testid="diff-added">
                <h3>{t('templates.diff.added', { n: diff.added.length })}</h3>
                <ul>
                  {diff.added.map((code) => (
                    <li key={code}>
                      <span className="mono">{code}</span> {textOf.get(code)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {diff.removed.length > 0 && (
              <div data-testid="diff-removed">
                <h3>{t('templates.diff.removed', { n: diff.removed.length })}</h3>
                <ul>
                  {diff.removed.map((code) => (
                    <li key={code} className="mono">
                      {code}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {diff.changed.length > 0 && (
              <div data-testid="diff-changed">
                <h3>{t('templates.diff.changed', { n: diff.changed.length })}</h3>
                <ul>
                  {diff.changed.map((c) => (
                    <li key={c.code}>
                      <span className="mono">{c.code}</span>: {c.fields.map(field).join(', ')}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {diff.moved.length > 0 && (
              <div data-testid="diff-moved">
                <h3>{t('templates.diff.moved', { n: diff.moved.length })}</h3>
                <ul>
                  {diff.moved.map((m) => (
                    <li key={m.code}>{t('templates.diff.movedLine', m)}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
