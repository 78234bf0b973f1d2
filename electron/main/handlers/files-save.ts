import { basename } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { FilesSaveRequest, FilesSaveResult } from '@shared/ipc/schemas';
import { writeFileDurably } from '../../../node-shared/fs/write-durably';

export { writeFileDurably };

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
