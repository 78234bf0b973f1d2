import type { InspectionRecord } from '@shared/inspection/record';
import type { Template } from '@shared/schemas';
import type { useRecordingActions } from './mutations';

export interface TabProps {
  record: InspectionRecord;
  templates: Template[];
  /** Finalized: shown, never edited. */
  locked: boolean;
  actions: ReturnType<typeof useRecordingActions>;
}

/** What answering the checklist needs of the actions: the store's (the app), or in memory (the console's preview). */
export type ChecklistActions = Pick<TabProps['actions'], 'setAnswer' | 'setFindingNote' | 'setCountValue' | 'setInvolved' | 'setViolator'>;
