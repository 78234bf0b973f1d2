import { templateSchema, type Template } from '../schemas';
import { compliance, count, field, roster, section } from './item-builder';

/**
 * A province's own checklist as a department would publish it on its hub (id other than the
 * built-in GIO, VH and MC): a ruled count, a roster-driven item, a plain requirement. For tests,
 * seeds and the console's preview; `version` and `title` vary it.
 */
export function sampleDepartmentTemplate(version = 1, extra: { title?: string; publishedAt?: string } = {}): Template {
  return templateSchema.parse({
    id: 'ANG',
    version,
    title: { vi: extra.title ?? 'Kiểm tra công vụ tỉnh An Giang', en: 'An Giang civil-service inspection' },
    publishedAt: extra.publishedAt ?? '2026-12-04T08:00:00+07:00',
    sections: [
      section('ANG-A', 'Tiếp nhận hồ sơ tại Bộ phận Một cửa', 'One-stop counter', [
        {
          ...count('ANG-01', 'Số công chức có mặt tại quầy / số được phân công', 'Staff at counters / staff assigned', [field('present', 'Có mặt', 'Present', 'người', 'people'), field('assigned', 'Được phân công', 'Assigned', 'người', 'people')], {
            refs: ['ND118'],
            critical: true,
          }),
          compliantWhen: [{ field: 'present', op: 'ge', than: { field: 'assigned' } }],
        },
        compliance('ANG-02', 'Niêm yết công khai thủ tục hành chính', 'Administrative procedures posted publicly', { refs: ['ND118'] }),
      ]),
      section('ANG-B', 'Văn hóa công vụ', 'Public-service conduct', [
        roster('ANG-03', 'Đeo thẻ công chức khi thi hành công vụ', 'Wears civil-servant card on duty', 'violation', { refs: ['L80'] }),
      ]),
    ],
  });
}
