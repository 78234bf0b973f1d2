import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { buildDashboard, type DashboardFilter } from '@shared/review/dashboard';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { vnDate } from '@shared/report/vn-date';
import { useI18n } from '../../i18n/i18n';
import { bridge } from '../../bridge/bridge';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';
import { BarChart, MonthChart } from './bar-chart';
import { FilterBar, sameFilter } from './filter-bar';
import { useDepartmentExport } from './mutations';
import { useReviewData } from './queries';
import { useSync } from '../sync/controller';

const headerSchema = z.object({
  parentAgency: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
  agency: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
  place: z.string().trim().min(1, 'err.required').max(100, 'err.tooLong'),
  preparedBy: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
});
type Header = z.infer<typeof headerSchema>;

/** The department's figures over the imported inspections, with filters, charts and exports. */
export function DashboardPage() {
  const { t, tError } = useI18n();
  const { state: sync } = useSync();
  const data = useReviewData(sync.running);
  const [filter, setFilter] = useState<DashboardFilter>({});
  const onFilter = useCallback((f: DashboardFilter) => setFilter((old) => (sameFilter(old, f) ? old : f)), []);
  const today = isoDay(toLocalIso(new Date()));
  const dashboard = useMemo(() => (data ? buildDashboard(data.facts, data.templates, filter, today) : null), [data, filter, today]);
  const exporter = useDepartmentExport(data);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Header>({ resolver: zodResolver(headerSchema), defaultValues: { parentAgency: 'ỦY BAN NHÂN DÂN TỈNH', agency: 'SỞ NỘI VỤ', place: '', preparedBy: '' } });

  const save = async (kind: 'xlsx' | 'csv' | 'pdf', header?: Header) => {
    setBusy(true);
    setMessage(null);
    try {
      const data = kind === 'xlsx' ? await exporter.xlsx(filter) : kind === 'csv' ? await exporter.csvZip(filter) : await exporter.pdf(filter, header!);
      const ext = kind === 'csv' ? 'zip' : kind;
      const name = `kiem-tra-cong-vu-${filter.from ?? 'dau'}-${filter.to ?? today}.${ext}`;
      const filters = { xlsx: { name: 'Excel', extensions: ['xlsx'] }, csv: { name: 'CSV (.zip)', extensions: ['zip'] }, pdf: { name: 'PDF', extensions: ['pdf'] } };
      const result = await bridge.files.save({ suggestedName: name, filter: filters[kind], data });
      if (result.saved) setMessage(t('report.savedAs', { name: result.fileName }));
    } catch (e) {
      setMessage(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (!data || !dashboard) return <p className="muted">{t('common.loading')}</p>;
  const s = dashboard.summary;
  const r = dashboard.rollCall;
  return (
    <section aria-labelledby="dashboard-title">
      <div className="page-head">
        <h1 id="dashboard-title">{t('nav.dashboard')}</h1>
        <div className="page-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void save('xlsx')} data-testid="export-xlsx">
            {t('dashboard.export.xlsx')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void save('csv')} data-testid="export-csv">
            {t('dashboard.export.csv')}
          </button>
        </div>
      </div>
      <FilterBar facts={data.facts} onChange={onFilter} />
      {message && <p role="status">{message}</p>}
      <div className="tiles" data-testid="dashboard-tiles">
        <div className="tile">
          <strong data-testid="tile-inspections">{s.inspections.length}</strong>
          {t('dashboard.tile.inspections')}
        </div>
        <div className="tile">
          <strong data-testid="tile-violations">{s.inspections.reduce((n, i) => n + i.violations, 0)}</strong>
          {t('dashboard.tile.violations')}
        </div>
        <div className="tile">
          <strong>{r.present}/{r.staff}</strong>
          {t('dashboard.tile.present')}
        </div>
        <div className="tile">
          <strong data-testid="tile-late">{r.late}</strong>
          {t('dashboard.tile.late')}
        </div>
        <div className="tile">
          <strong>{r.unexcused}</strong>
          {t('dashboard.tile.unexcused')}
        </div>
        <div className="tile">
          <strong data-testid="tile-late30">{r.lateOver30}</strong>
          {t('dashboard.tile.late30')}
        </div>
        <div className="tile">
          <strong data-testid="tile-maxlate">{r.maxLateMinutes}</strong>
          {t('dashboard.tile.maxLate')}
        </div>
        <div className="tile">
          <strong data-testid="tile-overdue">{dashboard.overdue}</strong>
          {t('dashboard.tile.overdue')}
        </div>
      </div>
      <div className="charts">
        <MonthChart title={t('dashboard.chart.months')} rows={dashboard.perMonth} testId="chart-months" />
        <BarChart title={t('dashboard.chart.units')} rows={s.units.map((u) => ({ label: u.unitName, value: u.inspections }))} testId="chart-units" />
        <BarChart title={t('dashboard.chart.items')} rows={s.items.filter((i) => i.violations > 0).map((i) => ({ label: `${i.code} ${i.text}`, value: i.violations, highlight: i.critical }))} testId="chart-items" />
        <BarChart title={t('dashboard.chart.unitViolations')} rows={s.units.map((u) => ({ label: u.unitName, value: u.violations }))} testId="chart-unit-violations" />
      </div>

      <div className="card">
        <h2>{t('dashboard.repeat')}</h2>
        {dashboard.repeatOffenders.length === 0 ? (
          <p className="muted">{t('dashboard.repeat.none')}</p>
        ) : (
          <table className="table" data-testid="repeat-offenders">
            <thead>
              <tr>
                <th>{t('dashboard.col.name')}</th>
                <th>{t('dashboard.col.position')}</th>
                <th>{t('review.col.unit')}</th>
                <th>{t('review.col.violations')}</th>
                <th>{t('dashboard.col.what')}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.repeatOffenders.slice(0, 100).map((o, k) => (
                <tr key={k}>
                  <td>{o.name}</td>
                  <td>{o.position}</td>
                  <td>{o.unitName}</td>
                  <td>{o.violations}</td>
                  <td>{o.what.slice(0, 5).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <div className="card">
        <h2>{t('dashboard.recommendations', { n: s.recommendations.length, overdue: dashboard.overdue })}</h2>
        <table className="table" data-testid="recommendations">
          <thead>
            <tr>
              <th>{t('review.col.unit')}</th>
              <th>{t('dashboard.col.target')}</th>
              <th>{t('dashboard.col.measure')}</th>
              <th>{t('dashboard.col.text')}</th>
              <th>{t('dashboard.col.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {s.recommendations.slice(0, 200).map((rec, k) => (
              <tr key={k} className={rec.overdue ? 'overdue' : undefined}>
                <td>{rec.unitName}</td>
                <td>{rec.target}</td>
                <td>{rec.measure}</td>
                <td>{rec.text}</td>
                <td>{rec.deadline ? vnDate(rec.deadline) : ''}{rec.overdue ? ` — ${t('dashboard.overdue')}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {s.recommendations.length > 200 && <p className="muted">{t('review.more', { shown: 200, total: s.recommendations.length })}</p>}
      </div>

      <form className="card" onSubmit={(e) => void handleSubmit((h) => save('pdf', h))(e)} noValidate>
        <h2>{t('dashboard.report')}</h2>
        <div className="grid-2">
          {([['parentAgency', 'report.issue.parent'], ['agency', 'report.issue.agency'], ['place', 'summary.place'], ['preparedBy', 'summary.preparedBy']] as const).map(([field, label]) => (
            <label key={field}>
              {t(label)}
              <input {...register(field)} data-testid={`report-${field}`} />
              <FieldError message={tError(formState.errors[field]?.message)} />
            </label>
          ))}
        </div>
        <button type="submit" className="button" disabled={busy} data-testid="export-pdf">
          {t('dashboard.export.pdf')}
        </button>
      </form>
    </section>
  );
}
