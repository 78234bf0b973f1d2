import { templateSchema, type Template } from '../../shared/schemas';
import { basisNotes, compliance, count, field, roster, section, time } from '../../shared/templates/item-builder';

/**
 * The sample checklist workbook's template (docs/checklist-workbook/mau-danh-muc-kiem-tra.xlsx): a
 * province's own one-stop desk checklist, as a Home Affairs department would write it, citing only
 * legal bases the app already knows, so the sample invents no document.
 */
export const sampleTemplate: Template = templateSchema.parse({
  id: 'MCT',
  version: 1,
  title: { vi: 'Bộ phận Một cửa cấp xã — danh mục kiểm tra của tỉnh (mẫu)', en: 'Commune one-stop desk — provincial checklist (sample)' },
  publishedAt: '2026-01-05T00:00:00+07:00',
  sections: [
    section('MCT-A', 'Công chức tại Bộ phận Một cửa', 'Staff at the one-stop desk', [
      time('MCT-01', 'Thời điểm Đoàn kiểm tra đến', 'Team arrival time', { note: 'practice', prefill: 'arrival-time' }),
      {
        ...count(
          'MCT-02',
          'Số công chức có mặt tại quầy / số được phân công',
          'Staff at the counters / staff assigned',
          [field('taiQuay', 'Có mặt tại quầy', 'At the counters', 'người', 'people'), field('duocGiao', 'Được phân công', 'Assigned', 'người', 'people')],
          { refs: ['L80'], critical: true },
        ),
        compliantWhen: [{ field: 'taiQuay', op: 'ge', than: { field: 'duocGiao' } }],
      },
      roster('MCT-03', 'Không đeo thẻ công chức, trang phục không đúng quy định', 'No name card, improper dress', 'violation', {
        wording: 'violation',
        refs: ['QD129', 'L80'],
      }),
      compliance('MCT-04', 'Ứng xử với người dân lịch sự, đúng mực', 'Polite conduct towards citizens', { refs: ['QD03', 'L80'], critical: true }),
    ]),
    section('MCT-B', 'Tiếp nhận, giải quyết hồ sơ', 'Receiving and handling files', [
      compliance('MCT-05', 'Niêm yết đầy đủ, cập nhật thủ tục hành chính', 'Administrative procedures fully posted and current', {
        refs: ['ND118'],
        critical: true,
      }),
      count('MCT-06', 'Hồ sơ tiếp nhận / giải quyết đúng hạn / trễ hạn', 'Files received / on time / overdue', [
        field('tiepNhan', 'Tiếp nhận', 'Received', 'hồ sơ', 'files'),
        field('dungHan', 'Giải quyết đúng hạn', 'Resolved on time', 'hồ sơ', 'files'),
        field('treHan', 'Trễ hạn', 'Overdue', 'hồ sơ', 'files'),
      ], { refs: ['TT03'] }),
      {
        ...count(
          'MCT-07',
          'Hồ sơ trễ hạn không có Phiếu xin lỗi và hẹn lại ngày trả',
          'Overdue files without an apology slip and new date',
          [field('khongXinLoi', 'Trễ hạn không có Phiếu xin lỗi', 'Overdue without apology slip', 'hồ sơ', 'files')],
          { wording: 'violation', refs: ['TT03'], critical: true },
        ),
        compliantWhen: [{ field: 'khongXinLoi', op: 'eq', than: { value: 0 } }],
      },
      {
        code: 'MCT-08',
        text: { vi: 'Ý kiến của người dân đang chờ tại Bộ phận Một cửa', en: 'Views of citizens waiting at the desk' },
        answerType: 'text',
        basisNote: basisNotes.practice,
        required: false,
      },
    ]),
  ],
});
