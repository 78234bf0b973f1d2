import { memo, useCallback, useRef } from 'react';
import { templateRef, type Finding, type RosterEntry, type TemplateItem } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import type { LegalBasis } from '@shared/schemas';
import { AnswerControl } from './answer-control';
import { AutosaveText } from './autosave-text';
import { answerableItems, isAnswered, progress, resultsByItem } from './checklist-progress';
import { isRollCallItem, type Verdict } from '@shared/inspection/item-results';
import { PeoplePicker } from './people-picker';
import { rollCallCounts } from '@shared/inspection/roll-call';
import type { ChecklistActions, TabProps } from './tab-props';
import { useStable } from './use-stable';

export interface ChecklistViewProps extends Pick<TabProps, 'record' | 'templates' | 'locked'> {
  actions: ChecklistActions;
  /** For the basis line under each item; undefined while still loading. */
  legalBases: LegalBasis[] | undefined;
  /** Where the roll-call items link to (the app's roll-call tab); null shows the summary without a link. */
  rollCallHref: string | null;
}

/**
 * The checklist as the inspector answers it, fed only by its props: the app gives it the store's
 * record and saving actions (ChecklistTab), the console's preview an in-memory sample inspection.
 */
export function ChecklistView(props: ChecklistViewProps) {
  const { record, templates, locked, actions, legalBases: bases, rollCallHref } = props;
  // Every save re-reads the record; cards re-render only when their own data changed.
  const roster = useStable(record.roster, record.roster.map((r) => `${r.id}:${r.status}:${r.name}`).join('|'));
  const { t, language } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const shortNames = new Map((bases ?? []).map((b) => [b.id, b.shortName]));
  const results = resultsByItem(record, templates);
  const all = templates.flatMap((tpl) => answerableItems(tpl).map((item) => ({ tpl, item })));
  const done = all.filter(({ tpl, item }) => isAnswered(results, tpl, item)).length;

  const cards = useCallback(() => Array.from(container.current?.querySelectorAll<HTMLElement>('[data-item-card]') ?? []), []);
  const jumpToUnanswered = useCallback(
    (from?: HTMLElement) => {
      const list = cards();
      const start = from ? list.indexOf(from) + 1 : 0;
      const ordered = [...list.slice(start), ...list.slice(0, start)];
      focusItem(ordered.find((c) => c.dataset['answered'] === 'false'));
    },
    [cards],
  );
  const move = useCallback(
    (from: HTMLElement, step: number) => {
      const list = cards();
      focusItem(list[list.indexOf(from) + step]);
    },
    [cards],
  );

  return (
    <div ref={container}>
      <div className="checklist-head">
        <span data-testid="overall-progress">{t('checklist.progress', { done, total: all.length })}</span>
        <button type="button" className="button" onClick={() => jumpToUnanswered()} disabled={done === all.length} data-testid="next-unanswered">
          {t('checklist.nextUnanswered')}
        </button>
        <span className="muted small shortcuts">{t('checklist.shortcuts')}</span>
      </div>
      {templates.map((tpl) => (
        <section key={templateRef(tpl)} className="template-block">
          <h2>
            {tpl.id} — {tpl.title[language]}
          </h2>
          {tpl.sections.map((section) => {
            const items = section.items.filter((i) => !i.perRosterRow);
            const p = progress(results, tpl, items);
            return (
              <div key={section.code} className="section-block" data-testid={`section-${section.code}`}>
                <h3>
                  {section.title[language]} <span className={`progress ${p.done === p.total ? 'complete' : ''}`}>{p.done}/{p.total}</span>
                </h3>
                {items.map((item) => (
                  <ItemCard
                    key={item.code}
                    rollCallHref={rollCallHref}
                    roster={roster}
                    locked={locked}
                    actions={actions}
                    item={item}
                    finding={record.findings.find((f) => f.templateRef === templateRef(tpl) && f.itemCode === item.code)}
                    answered={isAnswered(results, tpl, item)}
                    verdict={results.get(`${templateRef(tpl)}/${item.code}`)?.verdict}
                    basisLabel={[...item.legalRefs.map((r) => shortNames.get(r.basisId) ?? r.basisId), item.basisNote?.[language]].filter(Boolean).join('; ')}
                    onMove={move}
                    onNextUnanswered={jumpToUnanswered}
                  />
                ))}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}

function focusItem(el: Element | null | undefined) {
  if (el instanceof HTMLElement) {
    el.focus();
    el.scrollIntoView({ block: 'center' });
  }
}

interface ItemProps {
  rollCallHref: string | null;
  roster: RosterEntry[];
  locked: boolean;
  actions: ChecklistActions;
  item: TemplateItem;
  finding: Finding | undefined;
  answered: boolean;
  /** How the item came out, shown where the answer alone does not say it (ruled counts, the roll call). */
  verdict: Verdict | undefined;
  basisLabel: string;
  onMove: (from: HTMLElement, step: number) => void;
  onNextUnanswered: (from: HTMLElement) => void;
}

const ItemCard = memo(function ItemCard({ rollCallHref, roster, locked, actions, item, finding, answered, verdict, basisLabel, onMove, onNextUnanswered }: ItemProps) {
  const { t, language } = useI18n();
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    const shortcut = { c: 'C', n: 'NC', a: 'NA' } as const;
    if (item.answerType === 'compliance' && finding && !locked && key in shortcut) {
      e.preventDefault();
      void actions.setAnswer(finding.id, { type: 'compliance', value: shortcut[key as keyof typeof shortcut] }).catch(() => undefined);
    } else if (key === 'arrowdown' || key === 'j') {
      e.preventDefault();
      onMove(e.currentTarget, 1);
    } else if (key === 'arrowup' || key === 'k') {
      e.preventDefault();
      onMove(e.currentTarget, -1);
    } else if (key === 'u') {
      e.preventDefault();
      onNextUnanswered(e.currentTarget);
    }
  };
  const isRollCall = isRollCallItem(item);
  const counts = rollCallCounts(roster);
  return (
    <div
      className={`item-card ${answered ? 'answered' : 'unanswered'} ${finding?.answer?.type === 'compliance' && finding.answer.value === 'NC' ? 'nc' : ''}`}
      tabIndex={0}
      data-item-card
      data-item-code={item.code}
      data-answered={answered}
      onKeyDown={onKeyDown}
      aria-label={`${item.code} ${item.text[language]}`}
    >
      <div className="item-head">
        <span className="item-code">{item.code}</span>
        {item.critical && <span className="critical" title={t('checklist.criticalHint')}>{t('checklist.critical')}</span>}
        <span className="item-text">{item.text[language]}</span>
        {verdict && showsVerdict(item) && (
          <span className={`verdict-tag ${verdict}`} data-testid={`verdict-${item.code}`}>
            {t(verdictKeys[item.wording][verdict])}
          </span>
        )}
      </div>
      {basisLabel && <div className="muted small">{t('checklist.basis')}: {basisLabel}</div>}
      {isRollCall ? (
        <p className="small">
          {t('checklist.rollCallSummary', { total: counts.total, present: counts.present, late: counts.late, unmarked: counts.unmarked })}{' '}
          {rollCallHref !== null && <a href={rollCallHref}>{t('tab.rollCall')}</a>}
        </p>
      ) : (
        finding && (
          <>
            <AnswerControl item={item} finding={finding} roster={roster} locked={locked} actions={actions} />
            <div className="item-extra">
              <AutosaveText
                multiline
                value={finding.note}
                readOnly={locked}
                label={`${t('checklist.note')} ${item.code}`}
                placeholder={t('checklist.notePlaceholder')}
                onSave={(note) => actions.setFindingNote(finding.id, note)}
                testId={`note-${item.code}`}
              />
              {item.answerType !== 'roster' && roster.length > 0 && (
                <PeoplePicker
                  label={t('checklist.involved')}
                  roster={roster}
                  selected={finding.involvedRosterIds}
                  disabled={locked}
                  onToggle={(rosterId, include) => actions.setInvolved(finding.id, rosterId, include)}
                />
              )}
            </div>
          </>
        )
      )}
    </div>
  );
}, sameCard);

/** The same words as the record prints (shared/report/answer-text.ts), in the UI's language. */
const verdictKeys = {
  requirement: { compliant: 'answer.c', violation: 'answer.nc', 'not-applicable': 'answer.na', recorded: 'verdict.recorded', unanswered: 'verdict.unanswered' },
  violation: { compliant: 'answer.noViolation', violation: 'answer.violation', 'not-applicable': 'answer.na', recorded: 'verdict.recorded', unanswered: 'verdict.unanswered' },
} as const;

/** A yes/no answer is its own verdict; a count judged by its template's rule and the roll call are not. */
function showsVerdict(item: TemplateItem): boolean {
  return (item.answerType === 'count' && item.compliantWhen !== undefined) || isRollCallItem(item);
}

/** Dexie hands back new objects on every read: compare a card's data by value. */
function sameCard(a: ItemProps, b: ItemProps): boolean {
  return (
    a.answered === b.answered &&
    a.verdict === b.verdict &&
    a.locked === b.locked &&
    a.basisLabel === b.basisLabel &&
    a.roster === b.roster &&
    a.item === b.item &&
    a.actions === b.actions &&
    a.onMove === b.onMove &&
    a.onNextUnanswered === b.onNextUnanswered &&
    a.rollCallHref === b.rollCallHref &&
    JSON.stringify(a.finding) === JSON.stringify(b.finding)
  );
}
