/**
 * What signing and verification say, in Vietnamese and English. The app's catalogue spreads these
 * in, and the command lines (report, sign, verify) and the hub print the same sentences.
 */
export const signingMessagesVi = {
  'err.sign.passphrase': 'Sai mật khẩu chứng thư số.',
  'err.sign.passphraseRequired': 'Nhập mật khẩu chứng thư số',
  'err.sign.notP12': 'Tệp không phải chứng thư số PKCS#12 (.p12, .pfx).',
  'err.sign.noKey': 'Tệp chứng thư không chứa khóa bí mật.',
  'err.sign.noCertificate': 'Chưa có chứng thư số trên máy này.',
  'err.sign.insecureStorage': 'Máy này không có kho khóa an toàn để giữ chứng thư số.',
  'err.sign.expired': 'Chứng thư số đã hết hạn hoặc chưa có hiệu lực.',
  'err.sign.failed': 'Ký số không thành công.',
  'err.sign.notOurRecord': 'Chỉ ký số được biên bản do ứng dụng lập từ một cuộc kiểm tra đã hoàn tất; tệp này không phải.',
  'err.sign.desktopOnly': 'Ký số chỉ có trong ứng dụng trên máy tính.',
  'err.sign.notFinalized': 'Chỉ ký số biên bản đã hoàn tất và không đổi từ lúc ký.',
  'err.sign.verifyFailed': 'Tệp đã ký không kiểm tra được, nên không được lưu.',
} as const;

export type SigningMessageKey = keyof typeof signingMessagesVi;

export const signingMessagesEn: Record<SigningMessageKey, string> = {
  'err.sign.passphrase': 'Wrong certificate passphrase.',
  'err.sign.passphraseRequired': 'Enter the certificate passphrase',
  'err.sign.notP12': 'The file is not a PKCS#12 certificate (.p12, .pfx).',
  'err.sign.noKey': 'The certificate file holds no private key.',
  'err.sign.noCertificate': 'No signing certificate on this computer.',
  'err.sign.insecureStorage': 'This computer has no secure keyring to hold a signing certificate.',
  'err.sign.expired': 'The certificate has expired or is not yet valid.',
  'err.sign.failed': 'Signing failed.',
  'err.sign.notOurRecord': 'Only a record this app made from a finalized inspection can be signed; this file is not one.',
  'err.sign.desktopOnly': 'Digital signing is only in the desktop app.',
  'err.sign.notFinalized': 'Only a finalized record, unchanged since, can be signed.',
  'err.sign.verifyFailed': 'The signed file does not verify, so it was not stored.',
};
