import { offeredTemplates, TEMPLATE_RETIRED_KIND, templateRetiredSchema } from '@shared/templates/offered';
import type { Template } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';

/** The versions the hub has retired, as it sent them (kept in hubRows by the sync). */
export async function loadRetiredTemplateRefs(db: CongvuDb): Promise<string[]> {
  const rows = await db.hubRows.where('kind').equals(TEMPLATE_RETIRED_KIND).toArray();
  return rows.flatMap((row) => {
    if (row.deleted) return [];
    const parsed = templateRetiredSchema.safeParse(row.data);
    return parsed.success ? [parsed.data.ref] : [];
  });
}

/** What a new inspection may use: the newest version of each template that the hub has not retired. */
export async function loadOfferedTemplates(db: CongvuDb): Promise<Template[]> {
  const [templates, retired] = await Promise.all([db.templates.toArray(), loadRetiredTemplateRefs(db)]);
  return offeredTemplates(templates, retired);
}
