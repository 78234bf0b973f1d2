import { z } from 'zod';
import { sessionSchema, type AdminSession } from '@shared/admin/admin-api';
import { apiSend, setCsrfToken } from '../../api/client';

export async function signIn(name: string, password: string): Promise<AdminSession> {
  const session = await apiSend('POST', 'session', sessionSchema, { json: { name, password }, signingIn: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await apiSend('DELETE', 'session', z.unknown());
  } finally {
    setCsrfToken(null);
  }
}
