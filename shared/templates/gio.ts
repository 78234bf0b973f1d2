import type { TemplateInput } from '../schemas';
import { compliance, count, field, roster, section, time } from './item-builder';

/** a. Working hours and attendance at arrival. */
export const gioTemplate: TemplateInput = {
  id: 'GIO',
  version: 1,
  title: { vi: 'Giờ làm việc và điểm danh khi Đoàn đến', en: 'Working hours and attendance at arrival' },
  publishedAt: '2025-11-01T00:00:00+07:00',
  sections: [
    section('GIO-A', 'Thời điểm kiểm tra và điểm danh', 'Arrival and roll call', [
      time('GIO-01', 'Thời điểm Đoàn kiểm tra đến', 'Team arrival time', { note: 'practice', prefill: 'arrival-time' }),
      count('GIO-02', 'Tổng số CBCC theo danh sách', 'Staff on the roster', [
        field('staff', 'Số CBCC theo danh sách', 'Staff on the roster', 'người', 'people'),
      ], { prefill: 'roster-size' }),
      roster(
        'GIO-03',
        'Điểm danh: có mặt / đi muộn / vắng có lý do / đi công tác / vắng không lý do',
        'Roll call: present / late / excused / on mission / unexcused',
        'roll-call',
        { refs: ['CD968', 'CT26'], critical: true },
      ),
      time('GIO-04', 'Giờ đến thực tế của người đi muộn', 'Actual arrival time of late staff', {
        refs: ['CD968'],
        perRow: true,
        required: false,
      }),
      compliance(
        'GIO-05',
        'Xác minh lý do vắng (giấy đi công tác, đơn phép, gọi điện)',
        'Absence reason verified (mission order, leave form, phone call)',
        { note: 'practice' },
      ),
    ]),
    section('GIO-B', 'Chấp hành kỷ luật trong giờ làm việc', 'Discipline during working hours', [
      roster('GIO-06', 'Về sớm / rời vị trí không lý do', 'Left early / left post without reason', 'violation', { wording: 'violation', refs: ['CD968'],
        critical: true,
      }),
      roster(
        'GIO-07',
        'Làm việc riêng trong giờ: chơi game, mua sắm, mạng xã hội',
        'Private activity in hours: games, shopping, social media',
        'violation',
        { wording: 'violation', refs: ['QD1847'] },
      ),
      roster(
        'GIO-08',
        'Uống rượu, bia trong giờ làm việc, giờ nghỉ trưa',
        'Alcohol during working hours or lunch break',
        'violation',
        { wording: 'violation', refs: [['L44', 'Điều 5 khoản 6'], 'CD968'], critical: true },
      ),
      roster(
        'GIO-09',
        'Ra quán cà phê, đi lễ hội trong giờ làm việc',
        'At a café or festival during working hours',
        'violation',
        { wording: 'violation', note: 'pm' },
      ),
    ]),
    section('GIO-C', 'Tổ chức, theo dõi thời gian làm việc', 'Organisation of working time', [
      compliance('GIO-10', 'Niêm yết thời gian làm việc tại trụ sở', 'Working hours posted at the office', {
        note: 'practice',
      }),
      compliance(
        'GIO-11',
        'Lịch công tác tuần, lịch tiếp công dân được cập nhật',
        'Weekly schedule and citizen-reception schedule up to date',
        { note: 'practice' },
      ),
      compliance('GIO-12', 'Có phân công theo dõi chấm công', 'Attendance tracking assigned', { note: 'practice' }),
      compliance('GIO-13', 'Bố trí người thay thế khi vắng', 'Cover arranged for absent staff', {
        note: 'practice',
        critical: true,
      }),
    ]),
  ],
};
