import type { InspectionRecord } from '../inspection/record';
import type { Template } from '../schemas';
import { buildDashboard } from '../review/dashboard';
import { inspectionFacts, templatesByRef } from '../review/facts';

/** The team lead's figures over a set of inspections: what the summary PDF and XLSX both show. */
export interface InspectionSummary {
  period: { from: string; to: string } | null;
  inspections: Array<{ id: string; revision: number; day: string; unitCode: string; unitName: string; status: string; violations: number; contentHash: string | null }>;
  units: Array<{ unitCode: string; unitName: string; inspections: number; violations: number; staff: number; present: number; late: number; unexcused: number }>;
  /** One row per checklist item (by checklist id and code), whatever version of the checklist each inspection used. */
  items: Array<{ templateId: string; code: string; text: string; critical: boolean; checked: number; violations: number }>;
  officials: Array<{ name: string; position: string; unitName: string; violations: number; what: string[] }>;
  recommendations: Array<{ unitName: string; day: string; target: string; measure: string; text: string; deadline: string | null; overdue: boolean }>;
}

/**
 * Counts per unit and per checklist item, the officials named in breaches (late and unexcused
 * absences included), and every recommendation with its deadline; `today` decides what is overdue.
 * Read through the same facts as the department's dashboard, so both count alike.
 */
export function summarizeInspections(records: readonly InspectionRecord[], templates: readonly Template[], today: string): InspectionSummary {
  const byRef = templatesByRef(templates);
  return buildDashboard(records.map((r) => inspectionFacts(r, byRef)), byRef, {}, today).summary;
}
