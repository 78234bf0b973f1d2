import { describe, expect, it } from 'vitest';
import { vi as viMessages, type MessageKey } from '../../i18n/vi';
import { describeHubRefusal } from './hub-refusal';

const t = (key: MessageKey) => viMessages[key];

describe('describeHubRefusal', () => {
  it('puts a refusal the user can act on in their words', () => {
    expect(describeHubRefusal('not_owner: Another device owns 0190…', t)).toBe(viMessages['sync.refused.notOwner']);
    expect(describeHubRefusal('broken_chain: Revision 1 is not held', t)).toBe(viMessages['sync.refused.brokenChain']);
    expect(describeHubRefusal("untrusted_signer: A signer does not chain to a root in the hub's trust folder: Người Lạ (untrusted)", t)).toBe(viMessages['sync.refused.untrustedSigner']);
  });
  it("keeps the hub's own words for anything else", () => {
    expect(describeHubRefusal('weird_code: something', t)).toBe('weird_code: something');
    expect(describeHubRefusal(null, t)).toBe('');
  });
});
