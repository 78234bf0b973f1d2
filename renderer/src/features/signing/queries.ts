import { useCallback, useEffect, useState } from 'react';
import type { SigningSettings, SigningStatus } from '@shared/ipc/signing-schemas';
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

/** How this computer signs (main's settings); null where there are none (the browser build). */
export function useSigningSettings(available: boolean): SigningSettings | null | undefined {
  const [settings, setSettings] = useState<SigningSettings | null>();
  useEffect(() => {
    let live = true;
    if (available) void bridge.signing.settings().then((s) => live && setSettings(s), () => live && setSettings(null));
    return () => {
      live = false;
    };
  }, [available]);
  return available ? settings : null;
}
