import { createContext, useContext, type ReactNode } from 'react';
import type { CongvuDb } from './database';

const DbContext = createContext<CongvuDb | null>(null);

export function DbProvider({ db, children }: { db: CongvuDb; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

/** For feature queries/mutations hooks only; components use those hooks. */
export function useDb(): CongvuDb {
  const db = useContext(DbContext);
  if (db === null) throw new Error('useDb outside DbProvider');
  return db;
}
