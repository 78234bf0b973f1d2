import { lazy, Suspense, type ReactNode } from 'react';
import { templateRef, type Template } from '@shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { href, type WorkspaceTab } from '../../app/router';
import { useTemplatesByRef } from '../reference/queries';
import { ChecklistTab } from './checklist-tab';
import { ConclusionsTab } from './conclusions-tab';
import { EvidenceTab } from './evidence-tab';
import { OverviewTab } from './overview-tab';
import { useRecord } from './queries';
import { useRecordingActions } from './mutations';
import { ReviewNotice } from './review-notice';
import { RollCallTab } from './roll-call-tab';
import { SaveIndicator } from './save-indicator';
import { SignTab } from './sign-tab';

// The PDF layout, fonts and verifier are large: loaded when the record tab is first opened.
const ReportTab = lazy(() => import('../report/report-tab').then((m) => ({ default: m.ReportTab })));

const tabKeys = {
  overview: 'tab.overview',
  'roll-call': 'tab.rollCall',
  checklist: 'tab.checklist',
  evidence: 'tab.evidence',
  conclusions: 'tab.conclusions',
  sign: 'tab.sign',
  report: 'tab.report',
} as const;

/** One inspection on site: every tab works on the newest revision, live across windows. */
export function InspectionWorkspace({ id, tab }: { id: string; tab: WorkspaceTab }) {
  const { t } = useI18n();
  const record = useRecord(id);
  const templatesByRef = useTemplatesByRef();
  if (record === undefined || templatesByRef === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (record === null) {
    return (
      <section>
        <p className="alert">{t('detail.notFound')}</p>
        <a href={href({ name: 'list' })}>{t('common.back')}</a>
      </section>
    );
  }
  const templates = record.inspection.templateRefs.map((ref) => templatesByRef.get(ref)).filter((x): x is Template => !!x);
  const locked = record.inspection.status !== 'draft';
  return (
    <section data-testid="inspection-detail" aria-labelledby="detail-title">
      <div className="page-head">
        <h1 id="detail-title">{record.inspection.unit.name}</h1>
        <span className={`badge ${record.inspection.status}`} data-testid="status-badge">
          {t(locked ? 'status.finalized' : 'status.draft')}
        </span>
        {record.inspection.revision > 1 && <span className="muted">{t('detail.revisionN', { n: record.inspection.revision - 1 })}</span>}
        <SaveIndicator />
      </div>
      {locked && (
        <p className="notice" data-testid="locked-notice">
          {t('record.lockedNotice')} <span className="mono">SHA-256 {record.inspection.contentHash}</span>
        </p>
      )}
      <ReviewNotice inspectionId={record.inspection.id} revision={record.inspection.revision} />
      <nav className="tabs" aria-label={t('detail.title')}>
        {(Object.keys(tabKeys) as WorkspaceTab[]).map((name) => (
          <a key={name} href={href({ name: 'inspection', id, tab: name })} aria-current={name === tab ? 'page' : undefined}>
            {t(tabKeys[name])}
          </a>
        ))}
      </nav>
      <TabBody tab={tab} record={record} templates={templates} locked={locked} />
    </section>
  );
}

function TabBody(props: { tab: WorkspaceTab; record: NonNullable<ReturnType<typeof useRecord>>; templates: Template[]; locked: boolean }): ReactNode {
  const { record, templates, locked } = props;
  const actions = useRecordingActions({ id: record.inspection.id, revision: record.inspection.revision });
  const common = { record, templates, locked, actions };
  switch (props.tab) {
    case 'overview':
      return <OverviewTab {...common} />;
    case 'roll-call':
      return <RollCallTab {...common} />;
    case 'checklist':
      return <ChecklistTab key={templates.map(templateRef).join()} {...common} />;
    case 'evidence':
      return <EvidenceTab {...common} />;
    case 'conclusions':
      return <ConclusionsTab {...common} />;
    case 'sign':
      return <SignTab {...common} />;
    case 'report':
      return (
        <Suspense fallback={<p className="muted">…</p>}>
          <ReportTab {...common} />
        </Suspense>
      );
  }
}
