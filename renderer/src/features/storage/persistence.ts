import type { CongvuDb } from '../../db/database';

export const PERSIST_KEY = 'storage.persist';

export interface PersistAnswer {
  supported: boolean;
  granted: boolean;
  askedAt: string;
}

/**
 * Asks the browser once per start to keep our data through storage pressure, and records the
 * answer so the status bar (and support staff) can see it.
 */
export async function requestPersistentStorage(db: CongvuDb, storage: StorageManager | undefined): Promise<PersistAnswer> {
  const askedAt = new Date().toISOString();
  let answer: PersistAnswer;
  if (!storage || typeof storage.persist !== 'function') {
    answer = { supported: false, granted: false, askedAt };
  } else {
    const granted = (await storage.persisted()) || (await storage.persist());
    answer = { supported: true, granted, askedAt };
  }
  await db.settings.put({ key: PERSIST_KEY, value: answer });
  return answer;
}
