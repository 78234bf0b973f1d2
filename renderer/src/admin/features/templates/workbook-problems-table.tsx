import type { WorkbookProblem } from '@shared/template-workbook/types';
import { useAdminI18n } from '../../i18n/admin-i18n';

/** Every problem of an uploaded workbook where its author will look: sheet, row, column; in the console's language. */
export function WorkbookProblemsTable({ problems }: { problems: WorkbookProblem[] }) {
  const { t, language } = useAdminI18n();
  return (
    <table className="table problems-table" data-testid="workbook-problems">
      <caption>{t('templates.upload.problemsCaption', { n: problems.length })}</caption>
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
            <td className="num">{p.row ?? t('templates.upload.wholeSheet')}</td>
            <td>{p.column ?? t('common.none')}</td>
            <td>{p.message[language]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
