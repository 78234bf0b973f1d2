const vi = {
  'signIn.title': 'Đăng nhập trang quản trị',
  'signIn.hint': 'Tài khoản quản trị do người quản lý máy chủ tạo bằng lệnh hub:cli admin add.',
  'signIn.name': 'Tên đăng nhập',
  'signIn.password': 'Mật khẩu',
  'signIn.submit': 'Đăng nhập',
  'signIn.wrong': 'Sai tên đăng nhập hoặc mật khẩu.',
  'signIn.locked': 'Đã nhập sai quá nhiều lần: tài khoản tạm khóa. Hãy đợi {minutes} phút rồi thử lại.',
  'signIn.checking': 'Đang kiểm tra phiên đăng nhập…',
  'signIn.unreachable': 'Không kết nối được với máy chủ.',
} as const;

export const sessionMessages = {
  vi,
  en: {
    'signIn.title': 'Sign in to the administration console',
    'signIn.hint': 'Administrator accounts are made on the hub machine with hub:cli admin add.',
    'signIn.name': 'Login',
    'signIn.password': 'Password',
    'signIn.submit': 'Sign in',
    'signIn.wrong': 'Wrong login or password.',
    'signIn.locked': 'Too many wrong passwords: the account is locked for now. Try again in {minutes} min.',
    'signIn.checking': 'Checking your session…',
    'signIn.unreachable': 'The hub cannot be reached.',
  } satisfies Record<keyof typeof vi, string>,
};
