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
