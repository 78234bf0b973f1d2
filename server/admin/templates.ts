import { canonicalJson } from '@shared/hash/canonical-json';
import { templateRef, templateSchema } from '@shared/schemas';
import type { HubStore } from '../store/hub-store';

/** Hands a template down. A published id@version never changes: a different text needs a new version. */
export async function publishTemplate(store: HubStore, bytes: Uint8Array): Promise<string> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('The template file is not JSON');
  }
  const parsed = templateSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Not a valid template: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const ref = templateRef(parsed.data);
  const existing = await store.db.selectFrom('changes').select('data').where('kind', '=', 'template').where('entity_id', '=', ref).orderBy('seq', 'desc').executeTakeFirst();
  if (existing) {
    if (existing.data === canonicalJson(parsed.data)) return `${ref} is already published, unchanged.`;
    throw new Error(`${ref} is already published with other content: publish it as a new version`);
  }
  await store.appendChange(store.db, { kind: 'template', entityId: ref, data: parsed.data });
  return `Published ${ref}.`;
}
