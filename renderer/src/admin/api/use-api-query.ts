import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiQuery<T> {
  /** The answer for the current key, or the previous key's while the new one loads (a page stays on screen while the next comes). */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `load()` whenever `key` changes (or on reload); an answer that arrives after the key moved
 * on is dropped, so a slow page never replaces a newer one.
 */
export function useApiQuery<T>(key: string, load: () => Promise<T>): ApiQuery<T> {
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ key: string; data: T | undefined; error: unknown }>({ key: '', data: undefined, error: null });
  const wanted = `${version}:${key}`;
  useEffect(() => {
    let live = true;
    loader.current().then(
      (data) => live && setState({ key: wanted, data, error: null }),
      (error: unknown) => live && setState((s) => ({ key: wanted, data: s.data, error })),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.key === wanted ? state.error : null, loading: state.key !== wanted, reload };
}
