import type { SigningStatus } from '@shared/ipc/signing-schemas';
import type { MessageKey } from '../../i18n/vi';

/** Why this machine cannot sign, as the sentence the user reads. */
export const unavailableMessage: Record<Extract<SigningStatus, { available: false }>['reason'], MessageKey> = {
  'desktop-only': 'sign.unavailable.desktopOnly',
  'insecure-storage': 'sign.unavailable.insecure',
  'no-encryption': 'sign.unavailable.noEncryption',
};
