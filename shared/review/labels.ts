/** Review verdicts as the department writes them (exports and reports). */
export const reviewStatusLabel = {
  received: 'Đã tiếp nhận',
  'has-issues': 'Có vấn đề',
  approved: 'Đã duyệt',
  rejected: 'Không chấp nhận',
} as const;
