import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcRequestSchemas } from '@shared/ipc/schemas';
import type { IpcChannel } from '@shared/ipc/channels';
import { originOf } from './security';

export class IpcRejected extends Error {
  constructor(
    readonly code: 'ipc.untrustedSender' | 'ipc.invalidPayload',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * Only the app's own top-level page may call main: not a subframe, not a page from anywhere else
 * (should navigation ever slip through), not a frame that has gone away.
 */
export function assertTrustedSender(event: IpcMainInvokeEvent, trusted: ReadonlySet<string>): void {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) throw new IpcRejected('ipc.untrustedSender', 'sender frame is gone');
  if (frame !== event.sender.mainFrame) throw new IpcRejected('ipc.untrustedSender', 'sender is a subframe');
  const origin = originOf(frame.url);
  if (origin === null || !trusted.has(origin)) {
    throw new IpcRejected('ipc.untrustedSender', `origin ${origin ?? 'unknown'} is not the app`);
  }
}

type Args<C extends IpcChannel> = z.infer<(typeof ipcRequestSchemas)[C]>;

export type IpcHandlers = { [C in IpcChannel]: (...args: Args<C>) => Promise<unknown> | unknown };

/**
 * Registers one handler per channel. Each call is checked for its sender, then its arguments are
 * parsed with the channel's zod schema; the handler only ever sees parsed data.
 */
export function registerIpcHandlers(ipcMain: IpcMain, handlers: IpcHandlers, trusted: ReadonlySet<string>): void {
  for (const channel of Object.keys(ipcRequestSchemas) as IpcChannel[]) {
    const schema = ipcRequestSchemas[channel] as z.ZodType<unknown[]>;
    const handler = handlers[channel] as (...args: unknown[]) => unknown;
    ipcMain.handle(channel, async (event, ...raw: unknown[]) => {
      assertTrustedSender(event, trusted);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ');
        throw new IpcRejected('ipc.invalidPayload', `${channel}: ${detail}`);
      }
      return handler(...parsed.data);
    });
  }
}
