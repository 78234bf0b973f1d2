import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { templateItems } from '@shared/schemas';
import { builtInTemplates } from '@shared/templates';
import { sampleDepartmentTemplate } from '@shared/templates/sample-department';
import { AdminI18nProvider } from '../../i18n/admin-i18n';
import { TemplatePreview } from './template-preview';

const render = (template = sampleDepartmentTemplate(1)) =>
  renderToStaticMarkup(
    <AdminI18nProvider>
      <TemplatePreview template={template} legalBases={[]} />
    </AdminI18nProvider>,
  );

/** The preview renders the app's checklist with no store at all: nothing but the template and a sample draft. */
describe('TemplatePreview', () => {
  it("shows every item of the template as the app's checklist cards, unanswered, with its basis and the sample roll call", () => {
    const html = render();
    expect([...html.matchAll(/data-item-code="([^"]+)"/g)].map((m) => m[1])).toEqual(['ANG-01', 'ANG-02', 'ANG-03']);
    expect(html).toContain('data-answered="false"');
    expect(html).toContain('Đã trả lời 0/3 nội dung');
    expect(html).toContain('Căn cứ: NĐ118');
    expect(html).toContain('Võ Thị Thu Hằng');
    // A roll-call item links nowhere: there is no roll-call tab in the console.
    expect(html).not.toContain('#/inspections/');
  });

  it('renders each built-in template too, with as many cards as it has items to answer', () => {
    for (const template of builtInTemplates) {
      const cards = [...render(template).matchAll(/data-item-card="true"/g)].length;
      expect(cards).toBe(templateItems(template).filter((i) => !i.perRosterRow).length);
    }
  });
});
