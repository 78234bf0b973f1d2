import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/vi';

/** Refusals a user can act on, by the hub's error code. */
const REFUSALS: Record<string, MessageKey> = {
  not_owner: 'sync.refused.notOwner',
  broken_chain: 'sync.refused.brokenChain',
  conflict: 'sync.refused.conflict',
  invalid_text: 'sync.refused.invalidText',
  too_large: 'sync.refused.tooLarge',
  invalid_report: 'sync.refused.invalidReport',
  untrusted_signer: 'sync.refused.untrustedSigner',
  rate_limited: 'sync.err.tooManyAttempts',
};

/**
 * Why the hub refused a record or a file, from the stored "code: message" of the outbox: in the
 * user's language where the code is one we know, else the hub's own words.
 */
export function describeHubRefusal(stored: string | null, t: Translate): string {
  if (!stored) return '';
  const code = /^([a-z_]+):/.exec(stored)?.[1];
  const key = code ? REFUSALS[code] : undefined;
  return key ? t(key) : stored;
}
