import { useState } from 'react';
import { unitLevels, type UnitLevel } from '@shared/schemas';
import type { PageProps } from '../../app/routes';
import { hashOf } from '../../app/router';
import { ErrorLine } from '../../components/error-line';
import { Pager } from '../../components/pager';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { UNITS_PAGE, useUnits } from './queries';
import { UnitEditorPage } from './unit-editor';
import { UnitsImport } from './units-import';

/** "#/units": the import and the list; "#/units/<code>": one unit's fields and staff. */
export function UnitsPage({ params }: PageProps) {
  if (params[0]) return <UnitEditorPage key={params[0]} code={params[0]} />;
  return <UnitsList />;
}

function UnitsList() {
  const { t, locale } = useAdminI18n();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const units = useUnits(offset, q.trim());
  return (
    <section aria-labelledby="units-title">
      <div className="page-head">
        <h1 id="units-title">{t('units.title')}</h1>
      </div>
      <UnitsImport onImported={units.reload} />
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder={t('units.search')}
          aria-label={t('units.search')}
          value={q}
          maxLength={100}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
        />
        {units.data && <Pager offset={offset} limit={UNITS_PAGE} total={units.data.total} onOffset={setOffset} />}
      </div>
      <ErrorLine error={units.error} />
      {units.data &&
        (units.data.items.length === 0 ? (
          <p className="empty">{t('units.none')}</p>
        ) : (
          <table className="table" data-testid="units-table">
            <thead>
              <tr>
                <th scope="col">{t('units.col.code')}</th>
                <th scope="col">{t('units.col.name')}</th>
                <th scope="col">{t('units.col.level')}</th>
                <th scope="col">{t('units.col.province')}</th>
                <th scope="col" className="num">
                  {t('units.col.staff')}
                </th>
              </tr>
            </thead>
            <tbody>
              {units.data.items.map((u) => (
                <tr key={u.code}>
                  <td className="mono">{u.code}</td>
                  <td>
                    <a href={hashOf('units', u.code)}>{u.name}</a>
                  </td>
                  <td>{(unitLevels as readonly string[]).includes(u.level) ? t(`level.${u.level as UnitLevel}`) : u.level}</td>
                  <td>{u.province}</td>
                  <td className="num">{u.staff.toLocaleString(locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
