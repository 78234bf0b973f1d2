import { href } from '../../app/router';
import { useLegalBases } from '../reference/queries';
import { ChecklistView } from './checklist-view';
import type { TabProps } from './tab-props';

/** The checklist tab of an inspection: the view over the stored record, each answer saved to the store. */
export function ChecklistTab(props: TabProps) {
  const legalBases = useLegalBases();
  return <ChecklistView {...props} legalBases={legalBases} rollCallHref={href({ name: 'inspection', id: props.record.inspection.id, tab: 'roll-call' })} />;
}
