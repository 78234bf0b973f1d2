import type { Translate } from '../i18n/i18n';

/** A Vietnamese/English sentence for why a write failed, quota first as it is the one users can act on. */
export function describeStorageError(error: unknown, t: Translate): string {
  const name = error instanceof Error ? error.name : 'Error';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return t('err.storage.quota');
  const message = error instanceof Error && error.message ? `${name}: ${error.message}` : name;
  return t('err.storage.unknown', { name: message });
}
