import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { reviewStatusSchema } from '@shared/sync/protocol';
import { attendanceLabel } from '@shared/report/labels';
import type { InspectionRecord } from '@shared/inspection/record';
import { useI18n } from '../../i18n/i18n';
import { bridge } from '../../bridge/bridge';
import { describeError } from '../../app/describe-error';
import { href } from '../../app/router';
import { formatInstant } from '../../app/format';
import { vnDate } from '@shared/report/vn-date';
import { FieldError } from '../inspections/field-error';
import { useAddReview } from './mutations';
import { useReportPdf, useReviewDetail } from './queries';
import { importProblemKey, reviewStatusKey } from './review-labels';
import { SignedReports } from './signed-reports';

const reviewFormSchema = z.object({ status: reviewStatusSchema, comment: z.string().trim().max(5000, 'err.tooLong') });
type ReviewForm = z.infer<typeof reviewFormSchema>;

/** One imported inspection: what it found, whether it checks out, and the department's verdict. */
export function ReviewDetailPage({ id, revision }: { id: string; revision: number }) {
  const { t, tError, locale } = useI18n();
  const reportPdf = useReportPdf();
  const detail = useReviewDetail(id, revision);
  const addReview = useAddReview();
  const [message, setMessage] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<ReviewForm>({ resolver: zodResolver(reviewFormSchema), defaultValues: { status: 'received', comment: '' } });
  const submit = handleSubmit(async (v) => {
    await addReview({ inspectionId: id, revision, status: v.status, comment: v.comment });
    reset({ status: v.status, comment: '' });
    setMessage(t('review.saved'));
  });

  if (detail === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (detail === null) return <p className="empty">{t('review.notFound')}</p>;
  const { row, facts } = detail;
  const record = row.state === 'verified' ? (row.record as InspectionRecord) : null;
  const openPdf = async (sha256: string) => {
    try {
      const bytes = await reportPdf(sha256);
      if (!bytes) return setMessage(t('review.report.notDownloaded'));
      await bridge.files.save({ suggestedName: `bien-ban-${id}-${revision}.pdf`, filter: { name: 'PDF', extensions: ['pdf'] }, data: bytes });
    } catch (e) {
      setMessage(describeError(e, t));
    }
  };

  return (
    <section aria-labelledby="review-detail-title">
      <p>
        <a href={href({ name: 'review' })}>← {t('nav.review')}</a>
      </p>
      <h1 id="review-detail-title">{record ? `${record.inspection.unit.name} — ${facts ? vnDate(facts.day) : ''}` : <span className="mono">{id}</span>}</h1>
      <div className={`card ${row.state === 'flagged' ? 'flagged' : ''}`} data-testid="review-integrity">
        {row.state === 'verified' ? (
          <p className="ok-text">{t('review.integrity.ok', { hash: row.contentHash })}</p>
        ) : (
          <p className="alert" role="alert">
            {t('review.integrity.flagged')} {row.problems.map((p) => t(importProblemKey(p))).join('; ')}
          </p>
        )}
        <p className="muted small">{t('review.receivedAt', { at: row.receivedAt ? formatInstant(row.receivedAt, locale) : '—', n: revision })}</p>
        {detail.reports.length === 0 ? (
          <p>{t('review.report.none')}</p>
        ) : (
          <SignedReports reports={detail.reports} onSave={(sha256) => void openPdf(sha256)} />
        )}
        {detail.reports.some((r) => r.state === 'valid') && <p className="muted small">{t('review.report.trustNote')}</p>}
      </div>

      {record && facts && (
        <div className="card">
          <h2>{t('review.findings')}</h2>
          <p>
            {t('review.teamLine', { leader: facts.leader, templates: facts.templateIds.join(', ') })}
          </p>
          <p data-testid="review-rollcall">
            {t('dashboard.rollCall.line', { staff: facts.staff, present: facts.present, late: facts.late, unexcused: facts.unexcused, over30: facts.lateOver30, max: facts.maxLateMinutes })}
          </p>
          <h3>{t('review.violations', { n: facts.violations })}</h3>
          <ul>
            {facts.officials.map((o, k) => (
              <li key={k}>
                {o.name} ({o.position || '—'}): {o.what}
              </li>
            ))}
          </ul>
          {record.roster.some((r) => r.status === 'late' || r.status === 'unexcused') && (
            <table className="table">
              <tbody>
                {record.roster
                  .filter((r) => r.status === 'late' || r.status === 'unexcused')
                  .map((r) => (
                    <tr key={r.id}>
                      <td>{r.name}</td>
                      <td>{attendanceLabel[r.status]}</td>
                      <td>{r.arrivalTime ?? ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          <h3>{t('review.recommendations')}</h3>
          <ul>
            {facts.recommendations.map((r, k) => (
              <li key={k}>
                {r.measure} — {r.target}: {r.text} {r.deadline && `(${t('review.deadline', { day: vnDate(r.deadline) })})`}
              </li>
            ))}
          </ul>
          {record.inspection.conclusion && <p>{record.inspection.conclusion}</p>}
        </div>
      )}

      <form className="card" onSubmit={(e) => void submit(e)} noValidate data-testid="review-form">
        <h2>{t('review.verdict')}</h2>
        <label className="field">
          {t('review.col.status')}
          <select {...register('status')} data-testid="review-status">
            {reviewStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(reviewStatusKey(s))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('review.comment')}
          <textarea rows={3} {...register('comment')} data-testid="review-comment" />
          <FieldError message={tError(formState.errors.comment?.message)} />
        </label>
        <button type="submit" className="button" disabled={formState.isSubmitting} data-testid="review-submit">
          {t('review.submit')}
        </button>
        {message && <p role="status">{message}</p>}
        <ul data-testid="review-history">
          {detail.outbox.map((o) => (
            <li key={`local-${o.localId}`}>
              {t(reviewStatusKey(o.status))}: {o.comment} — {o.state === 'failed' ? t('review.sendFailed', { error: o.error ?? '' }) : t('review.pending')}
            </li>
          ))}
          {detail.history.map((h) => (
            <li key={h.key}>
              {t(reviewStatusKey(h.status))}: {h.comment} — {h.reviewer}, {formatInstant(h.at, locale)}
            </li>
          ))}
        </ul>
      </form>
    </section>
  );
}
