import type { Translate } from '../i18n/i18n';
import { vi, type MessageKey } from '../i18n/vi';
import { z } from 'zod';

/** A Vietnamese/English sentence for why something failed: a full disk first, as users can act on it; then our own message keys, zod issues, anything else by name. */
export function describeError(error: unknown, t: Translate): string {
  const name = error instanceof Error ? error.name : 'Error';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return t('err.storage.quota');
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    const message = first?.message ?? '';
    return message in vi ? t(message as MessageKey) : `${first?.path.join('.') ?? ''}: ${message}`;
  }
  // Our own errors carry a message key ("err.record.finalized"), possibly with detail after a colon.
  const key = error instanceof Error ? error.message.split(':')[0]! : '';
  if (key in vi) return t(key as MessageKey);
  // Errors from main arrive wrapped ("Error invoking remote method 'signing.sign': SigningError: err.sign.passphrase").
  const wrapped = error instanceof Error ? /\berr\.[A-Za-z0-9.]+[A-Za-z0-9]/.exec(error.message)?.[0] : undefined;
  if (wrapped && wrapped in vi) return t(wrapped as MessageKey);
  const message = error instanceof Error && error.message ? `${name}: ${error.message}` : name;
  return t('err.storage.unknown', { name: message });
}
