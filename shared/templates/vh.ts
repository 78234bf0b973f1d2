import type { TemplateInput } from '../schemas';
import { compliance, roster, section } from './item-builder';

/** b. Conduct and public-service culture. */
export const vhTemplate: TemplateInput = {
  id: 'VH',
  version: 1,
  title: { vi: 'Tác phong, lề lối làm việc và văn hóa công vụ', en: 'Conduct and public-service culture' },
  publishedAt: '2025-11-01T00:00:00+07:00',
  sections: [
    section('VH-A', 'Tác phong, trang phục', 'Appearance and identification', [
      roster('VH-01', 'Đeo thẻ công chức khi thi hành công vụ', 'Wears civil-servant card on duty', 'violation', {
        refs: ['L80'],
      }),
      roster('VH-02', 'Trang phục gọn gàng, lịch sự', 'Neat, proper dress', 'violation', {
        refs: ['QD1847', 'QD129'],
      }),
      compliance('VH-03', 'Biển tên, chức danh tại bàn / phòng làm việc', 'Desk or door nameplate with title', {
        refs: ['QD129'],
      }),
    ]),
    section('VH-B', 'Thái độ, ứng xử với người dân', 'Attitude towards citizens', [
      compliance('VH-04', 'Thái độ, ngôn ngữ lịch sự với người dân', 'Polite attitude and language to citizens', {
        refs: ['QD03'],
      }),
      compliance('VH-05', 'Hách dịch, cửa quyền, sách nhiễu', 'Arrogance, harassment', { wording: 'violation', refs: [['ND118', 'Điều 5']],
        critical: true,
      }),
      compliance('VH-06', 'Yêu cầu thêm tiền, giấy tờ ngoài quy định', 'Extra money or documents demanded', { wording: 'violation', refs: ['ND118'],
        critical: true,
      }),
    ]),
    section('VH-C', 'Văn hóa công sở', 'Office culture', [
      roster('VH-07', 'Hút thuốc trong phòng làm việc', 'Smoking in the office', 'violation', { wording: 'violation', refs: ['QD129'] }),
      compliance('VH-08', 'Đun nấu, thắp hương tại công sở', 'Cooking or burning incense in the office', { wording: 'violation', refs: ['QD129'],
      }),
      compliance('VH-09', 'Phòng làm việc gọn gàng, sạch sẽ', 'Tidy, clean office', { note: 'practice' }),
      compliance(
        'VH-10',
        'Có quy chế văn hóa công sở, quy tắc ứng xử',
        'Office-culture rules / code of conduct issued',
        { refs: ['QD03'] },
      ),
    ]),
    section('VH-D', 'Tài sản công và trách nhiệm người đứng đầu', "Public assets and the head's responsibility", [
      compliance('VH-11', 'Sử dụng xe công, tài sản công vào việc riêng', 'Public car or assets used privately', { wording: 'violation', note: 'practice',
      }),
      compliance(
        'VH-12',
        'Thủ trưởng đã quán triệt, tự kiểm tra, thông báo kết luận',
        'Head briefed staff, self-checked, issued conclusions',
        { note: 'practice' },
      ),
    ]),
  ],
};
