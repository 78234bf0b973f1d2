import type { TemplateInput } from '../schemas';
import { compliance, count, field, section, withCountRules } from './item-builder';

/** c. One-stop desk / commune Public Administration Service Centre. */
export const mcTemplate: TemplateInput = {
  id: 'MC',
  version: 1,
  title: {
    vi: 'Bộ phận Một cửa / Trung tâm Phục vụ hành chính công cấp xã',
    en: 'One-stop desk / commune service centre',
  },
  publishedAt: '2025-11-01T00:00:00+07:00',
  sections: [
    section('MC-A', 'Niêm yết, công khai', 'Public postings', [
      compliance(
        'MC-01',
        'Niêm yết đầy đủ, cập nhật thủ tục hành chính',
        'Administrative procedures fully posted and current',
        { refs: ['ND118'], critical: true },
      ),
      compliance('MC-02', 'Niêm yết phí, lệ phí', 'Fees and charges posted', { refs: ['ND118'] }),
      compliance('MC-03', 'Niêm yết đường dây nóng, kênh tiếp nhận phản ánh', 'Hotline / feedback channel posted', {
        note: 'practice',
      }),
      compliance('MC-04', 'Bảng phân công lĩnh vực, lịch trực tại quầy', 'Counter assignment and duty roster posted', {
        note: 'practice',
      }),
    ]),
    section('MC-B', 'Bố trí công chức tại quầy', 'Staffing of the counters', [
      count(
        'MC-05',
        'Số công chức có mặt tại quầy / số được phân công',
        'Staff at counters / staff assigned',
        [
          field('present', 'Có mặt tại quầy', 'At the counters', 'người', 'people'),
          field('assigned', 'Được phân công', 'Assigned', 'người', 'people'),
        ],
        { note: 'practice', critical: true },
      ),
    ]),
    section('MC-C', 'Tiếp nhận, giải quyết hồ sơ', 'Receiving and handling files', [
      compliance('MC-06', 'Sổ theo dõi / phần mềm một cửa được cập nhật', 'Tracking book or one-stop software up to date', {
        refs: ['TT03'],
      }),
      count(
        'MC-07',
        'Hồ sơ tiếp nhận / giải quyết đúng hạn / trễ hạn',
        'Files received / on time / overdue',
        [
          field('received', 'Tiếp nhận', 'Received', 'hồ sơ', 'files'),
          field('onTime', 'Giải quyết đúng hạn', 'Resolved on time', 'hồ sơ', 'files'),
          field('overdue', 'Trễ hạn', 'Overdue', 'hồ sơ', 'files'),
        ],
        { refs: ['TT03'] },
      ),
      count(
        'MC-08',
        'Hồ sơ trễ hạn không có Phiếu xin lỗi và hẹn lại ngày trả',
        'Overdue files without an apology slip and new date',
        [field('withoutApology', 'Trễ hạn không có Phiếu xin lỗi', 'Overdue without apology slip', 'hồ sơ', 'files')],
        { wording: 'violation', refs: ['TT03'], critical: true },
      ),
      compliance(
        'MC-09',
        'Giấy tiếp nhận, phiếu yêu cầu bổ sung, phiếu từ chối đúng mẫu',
        'Receipt, supplement and refusal forms used correctly',
        { refs: ['TT03'] },
      ),
      compliance(
        'MC-10',
        'Yêu cầu bổ sung hồ sơ quá một lần / ngoài danh mục',
        'Supplements requested more than once / beyond the list',
        { wording: 'violation', refs: ['ND118'], critical: true },
      ),
    ]),
    section('MC-D', 'Chuyển đổi số, dịch vụ công trực tuyến', 'Digitisation and online services', [
      compliance('MC-11', 'Số hóa hồ sơ; kiểm tra tài khoản định danh điện tử', 'Files digitised; e-ID account checked', {
        refs: ['TT03'],
      }),
      compliance('MC-12', 'Hướng dẫn dịch vụ công trực tuyến', 'Online public-service help available', {
        refs: ['TT03'],
      }),
    ]),
    section('MC-E', 'Thu phí, đánh giá và cơ sở vật chất', 'Fees, satisfaction and facilities', [
      compliance('MC-13', 'Thu phí, lệ phí đúng quy định, có biên lai', 'Fees collected correctly, receipts issued', {
        refs: ['TT03'],
      }),
      compliance('MC-14', 'Có đánh giá mức độ hài lòng của người dân', 'Citizen satisfaction assessment in place', {
        refs: ['TT03'],
      }),
      compliance('MC-15', 'Chỗ ngồi chờ, số thứ tự, cơ sở vật chất', 'Waiting area, queue numbers, facilities', {
        note: 'practice',
      }),
      count('MC-16', 'Số người đang chờ / thời gian chờ', 'People waiting / waiting time', [
        field('waiting', 'Số người đang chờ', 'People waiting', 'người', 'people'),
        field('waitMinutes', 'Thời gian chờ', 'Waiting time', 'phút', 'minutes'),
      ]),
    ]),
  ],
};

/**
 * Version 2 judges the two critical counts: every assigned official at the counters (MC-05) and
 * no overdue file without an apology slip (MC-08). Version 1 stays published, unchanged, for the
 * records answered against it.
 */
export const mcTemplateV2: TemplateInput = withCountRules(mcTemplate, 2, '2026-12-04T00:00:00+07:00', {
  'MC-05': [{ field: 'present', op: 'ge', than: { field: 'assigned' } }],
  'MC-08': [{ field: 'withoutApology', op: 'eq', than: { value: 0 } }],
});
