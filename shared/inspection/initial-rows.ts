import { isRollCallItem } from './item-results';
import { templateItems, templateRef, type Finding, type Inspection, type RosterEntry, type Template } from '../schemas';

/**
 * The rows a new inspection starts with: one roll-call line per person on the unit's roster and
 * one finding per checklist item. Made once, up front, so two windows editing the same inspection
 * update the same rows instead of each creating its own.
 */
export function initialRows(inspection: Inspection, templates: readonly Template[], newId: () => string): { roster: RosterEntry[]; findings: Finding[] } {
  const { id: inspectionId, revision } = inspection;
  const roster: RosterEntry[] = inspection.unit.staff.map((person, seq) => ({
    id: newId(),
    inspectionId,
    revision,
    seq,
    staffId: person.id,
    name: person.name,
    position: person.position,
    department: person.department,
    status: 'unmarked',
    note: '',
    addedOnSite: false,
  }));
  const arrivalTime = inspection.arrival.at.slice(11, 16);
  const findings: Finding[] = [];
  for (const template of templates) {
    for (const item of templateItems(template)) {
      if (item.perRosterRow || isRollCallItem(item)) continue;
      let answer: Finding['answer'] = null;
      if (item.prefill === 'arrival-time') answer = { type: 'time', value: arrivalTime };
      if (item.prefill === 'roster-size') answer = { type: 'count', values: { [item.countFields![0]!.key]: roster.length } };
      findings.push({
        id: newId(),
        inspectionId,
        revision,
        templateRef: templateRef(template),
        itemCode: item.code,
        answer,
        note: '',
        involvedRosterIds: [],
        attachmentHashes: [],
        updatedAt: inspection.createdAt,
      });
    }
  }
  return { roster, findings };
}
