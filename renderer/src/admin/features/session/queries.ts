import { sessionSchema, type AdminSession } from '@shared/admin/admin-api';
import { AdminApiError } from '../../api/api-error';
import { apiGet, setCsrfToken } from '../../api/client';

/** The session this browser holds, or null when it holds none (401). */
export async function fetchSession(): Promise<AdminSession | null> {
  try {
    const session = await apiGet('session', sessionSchema, {}, { signingIn: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof AdminApiError && error.status === 401) return null;
    throw error;
  }
}
