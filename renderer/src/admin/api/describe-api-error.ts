import { z } from 'zod';
import type { AdminTranslate } from '../i18n/admin-i18n';
import { catalogue, type AdminKey } from '../i18n/catalogue';
import { AdminAnswerError, AdminApiError } from './api-error';

/** Minutes to wait, rounded up, from a Retry-After in seconds (a minute when the hub gave none). */
export function waitMinutes(error: AdminApiError): number {
  return Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
}

/** Why a console request failed, in a sentence the administrator can act on, in the console's language. */
export function describeApiError(error: unknown, t: AdminTranslate, tError: (message: string) => string): string {
  if (error instanceof AdminApiError) {
    // The hub's codes the console has its own sentence for.
    const own = `err.code.${error.code}`;
    if (own in catalogue.vi) return t(own as AdminKey);
    if (error.status === 0) return t('err.network');
    if (error.status === 401) return t('err.signedOut');
    if (error.status === 403) return error.code === 'csrf' ? t('err.csrf') : t('err.forbidden', { message: error.message });
    if (error.status === 404) return t('err.notFound', { message: error.message });
    if (error.status === 409) return t('err.conflict', { message: error.message });
    if (error.status === 413) return t('err.tooLarge');
    if (error.status === 422 && error.problems.length > 0) return t('err.problems', { n: error.problems.length });
    if (error.status === 429) return t('err.rateLimited', { minutes: waitMinutes(error) });
    if (error.status >= 500) return t('err.server', { status: error.status });
    // The hub names the field and, where it can, the schema's message key: said in the console's words.
    const issue = error.issues[0];
    const said = issue ? tError(issue.message) : '';
    return t('err.invalid', { message: said && said !== issue!.message ? said : tError(error.message) });
  }
  if (error instanceof AdminAnswerError) return t('err.answer');
  if (error instanceof z.ZodError) return tError(error.issues[0]?.message ?? '');
  return t('err.unknown', { message: error instanceof Error ? error.message : String(error) });
}
