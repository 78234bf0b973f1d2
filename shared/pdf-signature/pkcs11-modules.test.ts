import { describe, expect, it } from 'vitest';
import { PKCS11_MODULES } from './pkcs11-modules';

describe('known PKCS#11 module paths', () => {
  it('are unique entries with absolute paths for their platform', () => {
    expect(new Set(PKCS11_MODULES.map((m) => m.id)).size).toBe(PKCS11_MODULES.length);
    for (const entry of PKCS11_MODULES) {
      expect(entry.windows.length + entry.linux.length, entry.id).toBeGreaterThan(0);
      for (const path of entry.windows) expect(path, entry.id).toMatch(/^[A-Z]:\\[^/]+\.dll$/);
      for (const path of entry.linux) expect(path, entry.id).toMatch(/^\/[^\\]+\.so$/);
    }
  });

  it('include the driver most Vietnamese CA tokens ship (Feitian ePass2003)', () => {
    expect(PKCS11_MODULES.find((m) => m.id === 'feitian-epass2003')?.windows).toContain('C:\\Windows\\System32\\eps2003csp11.dll');
  });
});
