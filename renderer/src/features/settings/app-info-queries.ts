import { useEffect, useState } from 'react';
import type { AppInfo } from '@shared/ipc/schemas';
import { bridge } from '../../bridge/bridge';

export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let alive = true;
    void bridge.app.info().then((i) => alive && setInfo(i));
    return () => {
      alive = false;
    };
  }, []);
  return info;
}
