/**
 * Where the PKCS#11 libraries of the USB token drivers used with Vietnamese CAs install
 * themselves. This is data for the Settings list, to be extended by the department as it meets
 * other drivers; nothing in the code depends on an entry being here, and a user can always pick
 * the library file by hand. Only paths known from the vendors' installers are listed: the
 * drivers VNPT-CA, Viettel-CA, BkavCA and FPT-CA ship under their own names are left for the
 * department to add once read off an installed machine.
 */
export interface Pkcs11ModuleEntry {
  id: string;
  label: string;
  vendorNote: string;
  windows: string[];
  linux: string[];
}

export const PKCS11_MODULES: readonly Pkcs11ModuleEntry[] = [
  {
    id: 'feitian-epass2003',
    label: 'Feitian ePass2003',
    vendorNote: 'Token FT ePass2003 mà VNPT-CA, Viettel-CA, BkavCA và FPT-CA thường cấp; thư viện do trình điều khiển của token cài.',
    windows: ['C:\\Windows\\System32\\eps2003csp11.dll', 'C:\\Windows\\SysWOW64\\eps2003csp11.dll'],
    linux: [],
  },
  {
    id: 'safenet-etoken',
    label: 'SafeNet / Thales eToken',
    vendorNote: 'SafeNet Authentication Client (Thales) cho token eToken.',
    windows: ['C:\\Windows\\System32\\eTPKCS11.dll'],
    linux: ['/usr/lib/libeTPkcs11.so'],
  },
  {
    id: 'thales-idprime',
    label: 'Thales IDPrime',
    vendorNote: 'Thẻ và token IDPrime (SafeNet Authentication Client).',
    windows: ['C:\\Windows\\System32\\IDPrimePKCS11.dll'],
    linux: ['/usr/lib/libIDPrimePKCS11.so'],
  },
  {
    id: 'opensc',
    label: 'OpenSC',
    vendorNote: 'Trình điều khiển mã nguồn mở, đọc được nhiều loại token (kể cả ePass2003).',
    windows: ['C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll', 'C:\\Windows\\System32\\opensc-pkcs11.dll'],
    linux: ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so', '/usr/lib64/opensc-pkcs11.so'],
  },
  {
    id: 'softhsm2',
    label: 'SoftHSM2',
    vendorNote: 'Token bằng phần mềm, chỉ dùng để thử nghiệm.',
    windows: ['C:\\SoftHSM2\\lib\\softhsm2-x64.dll'],
    linux: ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'],
  },
];
