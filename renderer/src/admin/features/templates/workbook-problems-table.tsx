import type { WorkbookProblem } from '@shared/template-workbook/types';
import { useAdminI18n } from '../../i18n/admin-i18n';

const MORE_PROBLEMS = 'wb.moreProblems';

/** Every problem of an uploaded workbook where its author will look: sheet, row, column; in the console's language. */
export function WorkbookProblemsTable({ problems }: { problems: WorkbookProblem[] }) {
  const { t, language } = useAdminI18n();
  // Past the hub's first 200, a last line counts the rest: the caption gives the whole number.
  const total = problems.reduce((n, p) => n + (p.code === MORE_PROBLEMS && typeof p.params['count'] === 'number' ? p.params['count'] : 1), 0);
  return (
    <table className="table problems-table" data-testid="workbook-problems">
      <caption>{t('templates.upload.problemsCaption', { n: total })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('templates.upload.col.sheet')}</th>
          <th scope="col" className="num">
            {t('templates.upload.col.row')}
          </th>
          <th scope="col">{t('templates.upload.col.column')}</th>
          <th scope="col">{t('templates.upload.col.problem')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i} data-testid="workbook-problem">
            <td>{p.sheet || t('common.none')}</td>
            <td className="num">{p.row ?? (p.sheet ? t('templates.upload.wholeSheet') : t('common.none'))}</td>
            <td>{p.column ?? t('common.none')}</td>
            <td>{p.message[language]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
