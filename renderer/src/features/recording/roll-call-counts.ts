import { attendanceStatuses, type AttendanceStatus, type RosterEntry } from '@shared/schemas';

export type RollCallCounts = Record<AttendanceStatus, number> & { total: number };

export function rollCallCounts(roster: readonly RosterEntry[]): RollCallCounts {
  const counts = Object.fromEntries(attendanceStatuses.map((s) => [s, 0])) as Record<AttendanceStatus, number>;
  for (const entry of roster) counts[entry.status] += 1;
  return { ...counts, total: roster.length };
}
