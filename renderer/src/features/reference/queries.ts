import { useLiveQuery } from 'dexie-react-hooks';
import { defaultLegalBases } from '@shared/legal-bases/default-legal-bases';
import { isInForce, templateRef, type LegalBasis, type Template } from '@shared/schemas';
import { useDb } from '../../db/db-context';
import { loadOfferedTemplates } from './offered-templates';

const builtInOrder = new Map(defaultLegalBases.map((b, i) => [b.id, i]));

/** Built-in bases in their usual order (the inspection's own bases first), then others by date. */
function byUsualOrder(a: LegalBasis, b: LegalBasis): number {
  const ra = builtInOrder.get(a.id) ?? Infinity;
  const rb = builtInOrder.get(b.id) ?? Infinity;
  return ra !== rb ? ra - rb : (b.effectiveFrom ?? b.issuedOn ?? '').localeCompare(a.effectiveFrom ?? a.issuedOn ?? '');
}

/** Legal bases in force on a day (YYYY-MM-DD). */
export function useLegalBasesInForce(day: string): LegalBasis[] | undefined {
  const db = useDb();
  return useLiveQuery(
    async () => (await db.legalBases.toArray()).filter((b) => isInForce(b, day)).sort(byUsualOrder),
    [db, day],
  );
}

export function useLegalBases(): LegalBasis[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.legalBases.toArray(), [db]);
}

/** The templates offered for a new inspection: the newest version of each that the hub has not retired. */
export function useCurrentTemplates(): Template[] | undefined {
  const db = useDb();
  return useLiveQuery(() => loadOfferedTemplates(db), [db]);
}

/** Templates by "ID@version". */
export function useTemplatesByRef(): Map<string, Template> | undefined {
  const db = useDb();
  return useLiveQuery(async () => new Map((await db.templates.toArray()).map((t) => [templateRef(t), t])), [db]);
}
