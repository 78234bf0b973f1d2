/**
 * The few PKCS#11 (Cryptoki 2.40) numbers this code uses, fixed by the standard. They are kept
 * here rather than read from pkcs11js so the error mapping can be tested without loading the
 * native binding; a test checks they equal the binding's own.
 */
export const CKF_SERIAL_SESSION = 0x4;
export const CKF_TOKEN_INITIALIZED = 0x400;
export const CKF_USER_PIN_LOCKED = 0x40000;
export const CKU_USER = 1;

export const CKA_CLASS = 0x0;
export const CKA_LABEL = 0x3;
export const CKA_VALUE = 0x11;
export const CKA_CERTIFICATE_TYPE = 0x80;
export const CKA_KEY_TYPE = 0x100;
export const CKA_ID = 0x102;
export const CKA_SIGN = 0x108;

export const CKO_CERTIFICATE = 0x1;
export const CKO_PRIVATE_KEY = 0x3;
export const CKC_X_509 = 0x0;
export const CKK_RSA = 0x0;

export const CKM_RSA_PKCS = 0x1;
export const CKM_SHA256_RSA_PKCS = 0x40;

export const CKR = {
  SLOT_ID_INVALID: 0x3,
  ATTRIBUTE_SENSITIVE: 0x11,
  ATTRIBUTE_TYPE_INVALID: 0x12,
  DEVICE_ERROR: 0x30,
  DEVICE_REMOVED: 0x32,
  KEY_HANDLE_INVALID: 0x60,
  MECHANISM_INVALID: 0x70,
  OBJECT_HANDLE_INVALID: 0x82,
  PIN_INCORRECT: 0xa0,
  PIN_LEN_RANGE: 0xa2,
  PIN_LOCKED: 0xa4,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  TOKEN_NOT_PRESENT: 0xe0,
  CRYPTOKI_NOT_INITIALIZED: 0x190,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;
