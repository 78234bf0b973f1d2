import { z } from 'zod';
import { BACKUP_PASSPHRASE_MIN } from '@shared/exchange/backup-envelope';

/** Export: protection is optional; when chosen, the passphrase twice, long enough. */
export const exportFormSchema = z
  .object({
    protect: z.boolean(),
    passphrase: z.string().max(1024, 'err.tooLong'),
    confirm: z.string().max(1024, 'err.tooLong'),
  })
  .superRefine((v, ctx) => {
    if (!v.protect) return;
    if ([...v.passphrase.normalize('NFC')].length < BACKUP_PASSPHRASE_MIN) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'err.backup.weakPassphrase' });
    else if (v.passphrase !== v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'err.backup.mismatch' });
  });
export type ExportFormValues = z.infer<typeof exportFormSchema>;

export const importPassphraseSchema = z.object({ passphrase: z.string().min(1, 'err.backup.passphraseRequired').max(1024, 'err.tooLong') });
export type ImportPassphraseValues = z.infer<typeof importPassphraseSchema>;
