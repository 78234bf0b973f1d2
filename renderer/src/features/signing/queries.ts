import { useCallback, useEffect, useState } from 'react';
import type { SigningStatus } from '@shared/ipc/signing-schemas';
import { bridge } from '../../bridge/bridge';

/** What main says about signing on this machine; `refresh` after importing or removing. */
export function useSigningStatus(): { status: SigningStatus | undefined; refresh: () => void } {
  const [status, setStatus] = useState<SigningStatus>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void bridge.signing.status().then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [version]);
  return { status, refresh: useCallback(() => setVersion((v) => v + 1), []) };
}
