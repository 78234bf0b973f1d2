import { templateItems } from '@shared/schemas/template';
import { useI18n } from '../../i18n/i18n';
import { href } from '../../app/router';
import { formatLocalDateTime } from '../../app/format';
import { useLegalBases, useTemplatesByRef } from '../reference/queries';
import { useInspection } from './queries';

export function InspectionDetailPage({ id }: { id: string }) {
  const { t, language, locale } = useI18n();
  const inspection = useInspection(id);
  const templates = useTemplatesByRef();
  const bases = useLegalBases();

  if (inspection === undefined || templates === undefined || bases === undefined) {
    return <p className="muted">{t('common.loading')}</p>;
  }
  if (inspection === null) {
    return (
      <section>
        <p className="alert">{t('detail.notFound')}</p>
        <a href={href({ name: 'list' })}>{t('common.back')}</a>
      </section>
    );
  }
  const basisById = new Map(bases.map((b) => [b.id, b]));
  return (
    <section aria-labelledby="detail-title" data-testid="inspection-detail">
      <div className="page-head">
        <h1 id="detail-title">{inspection.unit.name}</h1>
        <span className={`badge ${inspection.status}`}>
          {t(inspection.status === 'draft' ? 'status.draft' : 'status.finalized')}
        </span>
      </div>
      <dl className="facts">
        <dt>{t('list.col.arrival')}</dt>
        <dd>{formatLocalDateTime(inspection.arrival.at, locale)}</dd>
        <dt>{t('unit.place')}</dt>
        <dd>{inspection.place}</dd>
        <dt>{t('unit.province')}</dt>
        <dd>{inspection.unit.province}</dd>
        <dt>{t('unit.code')}</dt>
        <dd>{inspection.unit.code}</dd>
        <dt>{t('detail.id')}</dt>
        <dd className="mono">{inspection.id}</dd>
        <dt>{t('detail.revision')}</dt>
        <dd>{inspection.revision}</dd>
        <dt>{t('detail.updatedAt')}</dt>
        <dd>{formatLocalDateTime(inspection.updatedAt, locale)}</dd>
      </dl>

      <h2>{t('new.section.team')}</h2>
      <ul className="plain">
        {inspection.team.map((m) => (
          <li key={m.id}>
            <strong>{m.name}</strong>
            {m.position && `, ${m.position}`}
            {m.agency && ` — ${m.agency}`} <span className="muted">({t(`role.${m.role}`)})</span>
          </li>
        ))}
      </ul>

      <h2>{t('new.section.bases')}</h2>
      <ul className="plain">
        {inspection.legalBasisIds.map((basisId) => {
          const b = basisById.get(basisId);
          return <li key={basisId}>{b ? `${b.kind[language]} ${b.number}: ${b.subject[language]}` : basisId}</li>;
        })}
      </ul>

      <h2>{t('new.section.templates')}</h2>
      <ul className="plain">
        {inspection.templateRefs.map((ref) => {
          const tpl = templates.get(ref);
          return (
            <li key={ref}>
              {tpl ? `${tpl.id} — ${tpl.title[language]} (${t('detail.items', { n: templateItems(tpl).length })})` : ref}
            </li>
          );
        })}
      </ul>
      <p>
        <a href={href({ name: 'list' })}>{t('common.back')}</a>
      </p>
    </section>
  );
}
