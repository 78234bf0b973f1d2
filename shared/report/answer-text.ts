import type { Finding, TemplateItem } from '../schemas';
import { complianceLabel } from './labels';

/** A finding's answer in words, as the record PDF and the department's export print it. */
export function answerText(item: TemplateItem, finding: Finding | undefined, name: (id: string) => string): string {
  const answer = finding?.answer;
  if (!answer) return 'Chưa kiểm tra';
  switch (answer.type) {
    case 'compliance':
      return complianceLabel[item.wording][answer.value];
    case 'count':
      return (item.countFields ?? []).map((f) => `${f.label.vi}: ${answer.values[f.key] ?? '—'} ${f.unit.vi}`.trim()).join('; ');
    case 'time':
      return answer.value;
    case 'text':
      return answer.value;
    case 'roster':
      if (item.rosterKind === 'roll-call') return 'Theo kết quả điểm danh (mục 1)';
      return answer.rosterIds.length === 0 ? 'Không có' : answer.rosterIds.map(name).join('; ');
  }
}
