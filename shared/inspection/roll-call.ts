import { attendanceStatuses, type AttendanceStatus, type RosterEntry } from '../schemas';

export type RollCallCounts = Record<AttendanceStatus, number> & { total: number };

/** How many people the roll call found in each state: what the app, the record and the exports count. */
export function rollCallCounts(roster: readonly RosterEntry[]): RollCallCounts {
  const counts = Object.fromEntries(attendanceStatuses.map((s) => [s, 0])) as Record<AttendanceStatus, number>;
  for (const entry of roster) counts[entry.status] += 1;
  return { ...counts, total: roster.length };
}

/** The roll call in its own order: the unit roster's, then the people added on site. */
export function rollCallOrder(roster: readonly RosterEntry[]): RosterEntry[] {
  return [...roster].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
}

/** Complete once everyone on it is marked; an empty roll call is not complete. */
export function rollCallComplete(roster: readonly RosterEntry[]): boolean {
  return roster.length > 0 && roster.every((r) => r.status !== 'unmarked');
}
