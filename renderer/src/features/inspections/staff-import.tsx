import { useRef, useState } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { NewInspectionFormValues } from '@shared/inspection/new-inspection';
import { MAX_ROSTER_PEOPLE, newPeople, type ImportedPerson, type RosterRowProblem } from '@shared/roster-import/roster';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { readRosterFile, type RosterFileProblem, type RosterSource } from './roster-file';
import { describeFileProblem, describeRowProblem, describeSource, expectedColumns, isHeaderProblem } from './roster-messages';

type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; file: string }
  | { step: 'refused'; file: string; problems: RosterFileProblem[]; source?: RosterSource }
  | { step: 'preview'; file: string; people: ImportedPerson[]; problems: RosterRowProblem[]; source: RosterSource }
  | { step: 'done'; message: string }
  | { step: 'failed'; message: string };

const PREVIEW_ROWS = 10;
const SHOWN_PROBLEMS = 20;

interface Props {
  control: Control<NewInspectionFormValues>;
  onReplace(people: ImportedPerson[]): void;
  onAdd(people: ImportedPerson[]): void;
}

/**
 * Importing a staff list from a file: a refusal that says what is wrong, or a preview with the
 * choice to replace the list or add to it. Nothing reaches the list before that choice.
 */
export function StaffImport({ control, onReplace, onAdd }: Props) {
  const { t } = useI18n();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  // Only the file chosen last may show its result, however long an earlier one takes to read.
  const latest = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const staff = useWatch({ control, name: 'unit.staff' }) ?? [];
  const current = staff.map((p) => ({ name: p.name, position: p.position ?? '', department: p.department ?? '' }));

  const choose = async (file: File) => {
    const ticket = ++latest.current;
    setState({ step: 'reading', file: file.name });
    try {
      const read = await readRosterFile(file);
      if (ticket !== latest.current) return;
      setState(read.ok ? { step: 'preview', file: file.name, ...read } : { step: 'refused', file: file.name, ...read });
    } catch (error) {
      // Not the file's content: the file could not be read at all (moved, unplugged) or the reader failed to load.
      if (ticket === latest.current) setState({ step: 'failed', message: t('import.failed', { file: file.name, reason: describeError(error, t) }) });
    }
  };

  const replace = (file: string, people: ImportedPerson[]) => {
    onReplace(people);
    setState({ step: 'done', message: t('import.replaced', { n: people.length, file }) });
  };
  const add = (file: string, people: ImportedPerson[]) => {
    const { added, alreadyListed } = newPeople(current, people);
    onAdd(added);
    setState({ step: 'done', message: t('import.staffAdded', { n: added.length, k: alreadyListed, file }) });
  };

  return (
    <>
      {/* A real button, reachable by keyboard; the file input itself stays hidden. */}
      <button type="button" className="button" onClick={() => fileInput.current?.click()}>
        {t('staff.import')}
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid="staff-import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void choose(file);
        }}
      />
      {state.step === 'reading' && (
        <p className="small muted" role="status">
          {t('import.reading', { file: state.file })}
        </p>
      )}
      {state.step === 'done' && (
        <p className="small" role="status" data-testid="import-report">
          {state.message}
        </p>
      )}
      {state.step === 'failed' && (
        <p className="alert import-box" role="alert">
          {state.message}
        </p>
      )}
      {state.step === 'refused' && (
        <div className="alert import-box" role="alert" data-testid="import-refused">
          <p>{t('import.refused', { file: state.file })}</p>
          <ul className="plain">
            {state.problems.map((p) => (
              <li key={p.code}>{describeFileProblem(p, t)}</li>
            ))}
          </ul>
          {state.problems.some(isHeaderProblem) && <p>{expectedColumns(t)}</p>}
          {state.source?.kind === 'csv' && state.source.encoding === 'windows-1258' && <p>{t('import.encodingHint')}</p>}
        </div>
      )}
      {state.step === 'preview' && (
        <Preview
          state={state}
          current={current}
          onReplace={() => replace(state.file, state.people)}
          onAdd={() => add(state.file, state.people)}
          onCancel={() => setState({ step: 'done', message: t('import.cancelled', { file: state.file }) })}
        />
      )}
    </>
  );
}

function Preview({ state, current, onReplace, onAdd, onCancel }: { state: Extract<ImportState, { step: 'preview' }>; current: ImportedPerson[]; onReplace(): void; onAdd(): void; onCancel(): void }) {
  const { t } = useI18n();
  const { people, problems, source } = state;
  // Offered only when the list would still fit: past it the form would refuse to save.
  const addTooMany = current.length + newPeople(current, people).added.length > MAX_ROSTER_PEOPLE;
  return (
    <section className="import-box" aria-label={t('import.preview.title', { file: state.file })} data-testid="import-preview">
      <h3>{t('import.preview.title', { file: state.file })}</h3>
      <p role="status">
        {people.length > 0 ? t('import.preview.count', { n: people.length, source: describeSource(source, t) }) : t('import.preview.none')}
      </p>
      {source.kind === 'csv' && source.encoding === 'windows-1258' && <p className="small muted">{t('import.encodingHint')}</p>}
      {people.length > 0 && (
        <>
          <p className="small muted">{t('import.preview.first', { n: Math.min(PREVIEW_ROWS, people.length) })}</p>
          <table className="team-table" data-testid="import-preview-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('team.name')}</th>
                <th>{t('team.position')}</th>
                <th>{t('rollCall.department')}</th>
              </tr>
            </thead>
            <tbody>
              {people.slice(0, PREVIEW_ROWS).map((p, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>{p.name}</td>
                  <td>{p.position}</td>
                  <td>{p.department}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {problems.length > 0 && (
        <div className="problems small" data-testid="import-problems">
          <p>{t('import.preview.skipped', { n: problems.length })}</p>
          <ul className="plain">
            {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
              <li key={p.line}>{describeRowProblem(p, t)}</li>
            ))}
            {problems.length > SHOWN_PROBLEMS && <li>{t('import.preview.more', { n: problems.length - SHOWN_PROBLEMS })}</li>}
          </ul>
        </div>
      )}
      <p className="small muted">{t('import.preview.current', { n: current.length })}</p>
      {people.length > 0 && addTooMany && <p className="small">{t('import.preview.addTooMany', { max: MAX_ROSTER_PEOPLE })}</p>}
      <div className="actions">
        {people.length > 0 && (
          <>
            <button type="button" className="button" onClick={onReplace}>
              {t('import.replace')}
            </button>
            <button type="button" className="button" onClick={onAdd} disabled={addTooMany}>
              {t('import.add')}
            </button>
          </>
        )}
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
