const vi = {
  'nav.log': 'Nhật ký',
  'log.title': 'Nhật ký quản trị',
  'log.hint': 'Mọi thay đổi trên máy chủ, mới nhất ở trên.',
  'log.col.at': 'Thời điểm',
  'log.col.admin': 'Người thực hiện',
  'log.col.action': 'Việc làm',
  'log.col.details': 'Chi tiết',
  'log.commandLine': '(dòng lệnh)',
  'log.none': 'Nhật ký còn trống.',
} as const;

export const logMessages = {
  vi,
  en: {
    'nav.log': 'Log',
    'log.title': 'Administration log',
    'log.hint': 'Every change made on the hub, newest first.',
    'log.col.at': 'When',
    'log.col.admin': 'Who',
    'log.col.action': 'What',
    'log.col.details': 'Details',
    'log.commandLine': '(command line)',
    'log.none': 'The log is empty.',
  } satisfies Record<keyof typeof vi, string>,
};
