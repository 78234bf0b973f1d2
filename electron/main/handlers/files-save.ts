import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { FilesSaveRequest, FilesSaveResult } from '@shared/ipc/schemas';

/**
 * Writes bytes where the user chose, durably: to a temporary file beside the target, flushed to
 * disk, then renamed over it, so a crash never leaves a half-written file under the chosen name.
 */
export async function writeFileDurably(target: string, data: Uint8Array, mode = 0o644): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.part`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function saveWithDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: BrowserWindow | null,
  request: FilesSaveRequest,
): Promise<FilesSaveResult> {
  const options = {
    defaultPath: request.suggestedName,
    filters: [{ name: request.filter.name, extensions: request.filter.extensions }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  await writeFileDurably(choice.filePath, request.data);
  return { saved: true, fileName: basename(choice.filePath) };
}
