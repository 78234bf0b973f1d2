import { describe, expect, it } from 'vitest';
import { sampleRecordWithBlobs } from '../../tests/support/report-fixture';
import { builtInTemplates } from '../templates';
import { buildDashboard } from './dashboard';
import { inspectionFacts, templatesByRef } from './facts';

const templates = templatesByRef(builtInTemplates);

/** A record whose roll call has two late people (one over 30 minutes) and one unexcused absence. */
function record(unexcusedName?: string) {
  return sampleRecordWithBlobs({
    mutate: (r) => {
      // Wall-clock times in Vietnam (UTC+7), as the roll call records them.
      const arrived = new Date(Date.parse(r.inspection.arrival.at) + 7 * 3600_000).toISOString().slice(11, 16);
      const at = (plus: number) => {
        const m = Number(arrived.slice(0, 2)) * 60 + Number(arrived.slice(3, 5)) + plus;
        return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      };
      r.roster.forEach((p) => Object.assign(p, { status: 'present', arrivalTime: undefined }));
      Object.assign(r.roster[0]!, { status: 'late', arrivalTime: at(12) });
      Object.assign(r.roster[1]!, { status: 'late', arrivalTime: at(47) });
      Object.assign(r.roster[2]!, { status: 'unexcused', staffId: '11111111-1111-4111-8111-111111111111' });
      if (unexcusedName) r.roster[2]!.name = unexcusedName;
    },
  }).record;
}

describe('department figures', () => {
  it('counts lateness beyond 30 minutes, the longest lateness and unexcused absences', () => {
    const f = inspectionFacts(record(), templates);
    expect(f).toMatchObject({ late: 2, lateOver30: 1, maxLateMinutes: 47, unexcused: 1 });
    expect(f.officials.some((o) => o.what.endsWith('Vắng không lý do'))).toBe(true);
    // Each breach names its day as the exports and the period report print it.
    const day = f.day.split('-').reverse().join('/');
    expect(f.officials.every((o) => o.what.startsWith(`${day}: `))).toBe(true);
  });

  it('adds up per month and unit, finds repeat offenders, marks overdue deadlines and filters', () => {
    const a = inspectionFacts(record(), templates);
    const b = inspectionFacts(record(), templates);
    const dashboard = buildDashboard([a, b], templates, {}, '2099-01-01');
    expect(dashboard.perMonth).toEqual([{ month: a.month, inspections: 2, violations: a.violations + b.violations }]);
    expect(dashboard.rollCall).toMatchObject({ late: 4, lateOver30: 2, maxLateMinutes: 47, unexcused: 2 });
    // The same person, absent at both visits to the same unit, is a repeat offender.
    expect(dashboard.repeatOffenders.length).toBeGreaterThan(0);
    expect(dashboard.overdue).toBe(dashboard.summary.recommendations.filter((r) => r.deadline !== null).length);
    expect(buildDashboard([a, b], templates, { from: '2099-01-01' }, '2099-01-01').summary.inspections).toEqual([]);
    expect(buildDashboard([a, b], templates, { leader: a.leader, unitCode: a.unitCode, templateId: a.templateIds[0] }, '2000-01-01').summary.inspections).toHaveLength(2);
    expect(buildDashboard([a, b], templates, {}, '2000-01-01').overdue).toBe(0);
  });
});
