import { useCallback, useMemo, useRef, useState } from 'react';
import { editPreviewFinding, previewRecord, type FindingEdit } from '@shared/inspection/preview-record';
import type { InspectionRecord } from '@shared/inspection/record';
import type { Template } from '@shared/schemas';
import type { ChecklistActions } from '../../../features/recording/tab-props';

/**
 * A sample inspection against the uploaded template, answered in this page's memory with the same
 * rules as the app's store; a bad edit is refused as there (the field shows why), nothing is saved.
 */
export function usePreviewRecord(template: Template): { record: InspectionRecord; actions: ChecklistActions; reset: () => void } {
  const [record, setRecord] = useState(() => previewRecord(template, new Date()));
  // Edits apply one after another to the newest record, as the store's transactions do.
  const latest = useRef(record);
  const edit = useCallback((findingId: string, change: FindingEdit) => {
    try {
      latest.current = editPreviewFinding(latest.current, findingId, change, new Date());
      setRecord(latest.current);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }, []);
  const actions = useMemo<ChecklistActions>(
    () => ({
      setAnswer: (findingId, answer) => edit(findingId, { kind: 'answer', answer }),
      setFindingNote: (findingId, note) => edit(findingId, { kind: 'note', note }),
      setCountValue: (findingId, field, value) => edit(findingId, { kind: 'count', field, value }),
      setInvolved: (findingId, rosterId, include) => edit(findingId, { kind: 'involved', rosterId, include }),
      setViolator: (findingId, rosterId, include) => edit(findingId, { kind: 'violator', rosterId, include }),
    }),
    [edit],
  );
  const reset = useCallback(() => {
    latest.current = previewRecord(template, new Date());
    setRecord(latest.current);
  }, [template]);
  return { record, actions, reset };
}
