import type { TableProblem } from '@shared/admin/admin-api';
import { useAdminI18n } from '../i18n/admin-i18n';

/** Every problem of an imported table with its row number, in the console's language. */
export function ProblemsTable({ problems, caption }: { problems: TableProblem[]; caption: string }) {
  const { t, language } = useAdminI18n();
  return (
    <table className="table problems-table" data-testid="problems">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.row')}</th>
          <th scope="col">{t('import.column')}</th>
          <th scope="col">{t('import.problem')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            <td>{p.row === 0 ? t('import.wholeFile') : p.row}</td>
            <td>{p.column ?? t('common.none')}</td>
            <td className="problems">{p.message[language]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
