import { canonicalJson } from '../hash/canonical-json';
import type { Template } from '../schemas';

export type TemplatePublishCheck =
  | { ok: true; action: 'insert' | 'unchanged' }
  | { ok: false; code: 'err.template.publishedImmutable'; ref: string };

/**
 * A published (id, version) never changes. Storing the same content again is a no-op; different
 * content under the same version is refused, so the edit has to become a new version.
 */
export function checkTemplatePublish(existing: Template | undefined, incoming: Template): TemplatePublishCheck {
  if (existing === undefined) return { ok: true, action: 'insert' };
  if (canonicalJson(existing) === canonicalJson(incoming)) return { ok: true, action: 'unchanged' };
  return { ok: false, code: 'err.template.publishedImmutable', ref: `${incoming.id}@${incoming.version}` };
}
