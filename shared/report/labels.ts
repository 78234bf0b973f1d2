import type { AttendanceStatus, Measure, SignatureRole } from '../schemas';

/** The words the printed record uses. The record is an official Vietnamese document: no English. */
export const attendanceLabel: Record<AttendanceStatus, string> = {
  unmarked: 'Chưa điểm danh',
  present: 'Có mặt',
  late: 'Đi muộn',
  excused: 'Vắng có lý do',
  'on-mission': 'Đi công tác',
  unexcused: 'Vắng không lý do',
};

export const verificationLabel: Record<'mission-order' | 'leave-form' | 'phone-call' | 'other', string> = {
  'mission-order': 'Giấy đi công tác',
  'leave-form': 'Đơn xin nghỉ phép',
  'phone-call': 'Gọi điện xác minh',
  other: 'Xác minh khác',
};

export const measureLabel: Record<Measure, string> = {
  remind: 'Nhắc nhở',
  'self-criticism': 'Yêu cầu kiểm điểm',
  'propose-discipline': 'Đề nghị xem xét xử lý kỷ luật',
  remedy: 'Yêu cầu khắc phục',
};

export const signatureTitle: Record<SignatureRole, string> = {
  'unit-representative': 'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA',
  recorder: 'NGƯỜI GHI BIÊN BẢN',
  leader: 'TRƯỞNG ĐOÀN KIỂM TRA',
};

export const teamRoleLabel = { leader: 'Trưởng đoàn', member: 'Thành viên', recorder: 'Người ghi biên bản' } as const;

export const complianceLabel = {
  requirement: { C: 'Đạt', NC: 'Không đạt', NA: 'Không áp dụng' },
  violation: { C: 'Không vi phạm', NC: 'Có vi phạm', NA: 'Không áp dụng' },
} as const;
