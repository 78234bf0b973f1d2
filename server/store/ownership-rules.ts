import type { PushRequest } from '@shared/sync/protocol';
import type { PushOutcome } from './hub-store';

export const notOwner = (id: string) => ({ status: 403 as const, body: { error: { code: 'not_owner' as const, message: `Inspection ${id} belongs to another device: an administrator can transfer it (hub:cli transfer)` } } });

/**
 * Revision N+1 stands on revision N: N must be held and the record must say it replaces N's
 * hash; a first revision replaces nothing. `held` is every revision of this id the hub holds.
 */
export function chainProblem(request: PushRequest, held: ReadonlyMap<number, string>): PushOutcome | null {
  const { id, revision, correction } = request.record.inspection;
  const newest = Math.max(0, ...held.keys());
  const holds = newest > 0 ? { revision: newest, contentHash: held.get(newest)! } : null;
  const broken = (message: string): PushOutcome => ({ status: 409, body: { error: { code: 'broken_chain', message, held: holds } } });
  if (revision === 1) return correction ? broken(`Revision 1 of ${id} cannot replace another revision`) : null;
  const previous = held.get(revision - 1);
  if (previous === undefined) return broken(`Revision ${revision - 1} of ${id} is not held: push it first`);
  if (!correction || correction.replacesRevision !== revision - 1 || correction.replacesHash !== previous) return broken(`Revision ${revision} of ${id} does not replace the held revision ${revision - 1} (correction.replacesHash must be its content hash)`);
  return null;
}
