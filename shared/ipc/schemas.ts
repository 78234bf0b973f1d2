import { z } from 'zod';
import { IpcChannels } from './channels';
import { storageKeyOpenRequestSchema } from './storage-key-schemas';
import {
  signingChooseModuleRequestSchema,
  signingImportRequestSchema,
  signingModulesRequestSchema,
  signingRemoveRequestSchema,
  signingSettingsGetRequestSchema,
  signingSettingsSetRequestSchema,
  signingSignRequestSchema,
  signingStatusRequestSchema,
  signingTimestampRequestSchema,
  signingTokensRequestSchema,
  signingTrustAddRequestSchema,
  signingTrustListRequestSchema,
  signingTrustRemoveRequestSchema,
  signingVerifyRequestSchema,
} from './signing-schemas';

/** app.info takes nothing. */
export const appInfoRequestSchema = z.tuple([]);
export const appInfoResponseSchema = z.object({
  name: z.string(),
  version: z.string(),
  runtime: z.enum(['electron', 'browser']),
  platform: z.string(),
  formatVersion: z.number().int(),
  /** Where the app keeps its data (Electron only). */
  dataDir: z.string().nullable(),
});
export type AppInfo = z.infer<typeof appInfoResponseSchema>;

/** Names a user is offered in a save dialog: no folders, no reserved characters, bounded. */
const suggestedNameSchema = z
  .string()
  .min(1)
  .max(150)
  .refine((n) => !/[\\/:*?"<>|]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20), 'err.file.name')
  .refine((n) => n !== '.' && n !== '..', 'err.file.name');

export const MAX_SAVE_BYTES = 512 * 1024 * 1024;

export const filesSaveRequestSchema = z.tuple([
  z.object({
    suggestedName: suggestedNameSchema,
    /** File-type filter shown in the dialog. */
    filter: z.object({
      name: z.string().min(1).max(60),
      extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).min(1).max(5),
    }),
    data: z.custom<Uint8Array>((d) => d instanceof Uint8Array, 'err.file.notBytes').refine((d) => d.byteLength <= MAX_SAVE_BYTES, 'err.file.tooLarge'),
  }),
]);
export type FilesSaveRequest = z.infer<typeof filesSaveRequestSchema>[0];
export const filesSaveResponseSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), fileName: z.string() }),
  z.object({ saved: z.literal(false) }),
]);
export type FilesSaveResult = z.infer<typeof filesSaveResponseSchema>;

/** Request (argument tuple) schema per channel; main parses every payload with it. */
export const ipcRequestSchemas = {
  [IpcChannels.appInfo]: appInfoRequestSchema,
  [IpcChannels.filesSave]: filesSaveRequestSchema,
  [IpcChannels.signingStatus]: signingStatusRequestSchema,
  [IpcChannels.signingImport]: signingImportRequestSchema,
  [IpcChannels.signingRemove]: signingRemoveRequestSchema,
  [IpcChannels.signingSign]: signingSignRequestSchema,
  [IpcChannels.signingSettingsGet]: signingSettingsGetRequestSchema,
  [IpcChannels.signingSettingsSet]: signingSettingsSetRequestSchema,
  [IpcChannels.signingModules]: signingModulesRequestSchema,
  [IpcChannels.signingChooseModule]: signingChooseModuleRequestSchema,
  [IpcChannels.signingTokens]: signingTokensRequestSchema,
  [IpcChannels.signingTrustList]: signingTrustListRequestSchema,
  [IpcChannels.signingTrustAdd]: signingTrustAddRequestSchema,
  [IpcChannels.signingTrustRemove]: signingTrustRemoveRequestSchema,
  [IpcChannels.signingVerify]: signingVerifyRequestSchema,
  [IpcChannels.signingTimestamp]: signingTimestampRequestSchema,
  [IpcChannels.storageKeyOpen]: storageKeyOpenRequestSchema,
} as const;
