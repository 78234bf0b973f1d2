import { parseTemplateRef, type Template } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';

/** The stored templates for "ID@version" references, keyed by reference; unknown ones are absent. */
export async function loadTemplates(db: CongvuDb, refs: readonly string[]): Promise<Map<string, Template>> {
  const rows = await db.templates.bulkGet(refs.map((ref) => {
    const { id, version } = parseTemplateRef(ref);
    return [id, version] as [string, number];
  }));
  return new Map(refs.flatMap((ref, i) => (rows[i] ? [[ref, rows[i]] as const] : [])));
}
