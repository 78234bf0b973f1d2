import { useState } from 'react';
import { isoDay } from '@shared/time/local-iso';
import { toLocalIso } from '@shared/time/local-iso';
import { useI18n } from '../../i18n/i18n';
import { formatLocalDateTime } from '../../app/format';
import { useCurrentTemplates, useLegalBasesInForce } from '../reference/queries';
import { useUnits } from '../units/queries';
import { NewInspectionForm } from './new-inspection-form';

/** Opening this page is the moment the team arrives: the time is stamped now, not at save. */
export function NewInspectionPage() {
  const { t, locale } = useI18n();
  const [arrival] = useState(() => ({ arrivedAt: new Date(), monotonicMs: performance.timeOrigin + performance.now() }));
  const arrivalIso = toLocalIso(arrival.arrivedAt);
  const bases = useLegalBasesInForce(isoDay(arrivalIso));
  const templates = useCurrentTemplates();
  const units = useUnits();

  return (
    <section aria-labelledby="new-title">
      <div className="page-head">
        <h1 id="new-title">{t('new.title')}</h1>
      </div>
      <p className="arrival" data-testid="arrival">
        {t('new.arrival')}: <strong>{formatLocalDateTime(arrivalIso, locale)}</strong>
      </p>
      {/* Templates and bases are installed at start; until then there is nothing to choose from. */}
      {bases === undefined || templates === undefined || units === undefined || templates.length === 0 || bases.length === 0 ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <NewInspectionForm arrival={arrival} bases={bases} templates={templates} units={units} />
      )}
    </section>
  );
}
