import type { Language } from '../../i18n/i18n';
import { useAdminI18n } from '../i18n/admin-i18n';

/** Vietnamese or English, each named in its own language; the choice is kept in this browser. */
export function LanguageSelect() {
  const { language, setLanguage } = useAdminI18n();
  return (
    <label className="lang">
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={language === 'vi' ? 'Ngôn ngữ' : 'Language'}>
        <option value="vi">Tiếng Việt</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
