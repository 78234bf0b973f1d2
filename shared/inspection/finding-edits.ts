import type { Answer, RosterEntry } from '../schemas';

/**
 * Sets one number of a count answer, leaving the others as they are; no number left is no answer.
 * The one rule for the app's store and the console's in-memory preview.
 */
export function withCountValue(current: Answer | null, field: string, value: number | null): Answer | null {
  const values = current?.type === 'count' ? current.values : {};
  const next = Object.fromEntries(Object.entries({ ...values, [field]: value }).filter((e): e is [string, number] => e[1] !== null));
  return Object.keys(next).length === 0 ? null : { type: 'count', values: next };
}

/** Adds or removes one person, in roll-call order, from a list kept on a finding. */
export function toggledInRosterOrder(roster: readonly RosterEntry[], current: readonly string[], rosterId: string, include: boolean): string[] {
  const set = new Set(current);
  if (include) set.add(rosterId);
  else set.delete(rosterId);
  return roster.filter((r) => set.has(r.id)).map((r) => r.id);
}
