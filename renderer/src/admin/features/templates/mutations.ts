import { z } from 'zod';
import { templateCheckSchema, templatePublishResultSchema } from '@shared/admin/admin-api';
import { apiDownload, apiSend, type FileBody } from '../../api/client';

/** The hub reads the workbook and says what it would publish, or every problem; nothing is stored. */
export function checkWorkbook(file: FileBody) {
  return apiSend('POST', 'templates/check', templateCheckSchema, { file });
}

/** Publishes the workbook (checked again by the hub) as a new, immutable ID@version. */
export function publishWorkbook(file: FileBody) {
  return apiSend('POST', 'templates/publish', templatePublishResultSchema, { file });
}

/** Stops offering a version for new inspections; what was recorded with it stays. */
export function retireTemplate(ref: string) {
  return apiSend('POST', `templates/${encodeURIComponent(ref)}/retire`, z.unknown());
}

/** Any version as a workbook, handed to the browser's downloads; its file name for the message. */
export async function downloadTemplateWorkbook(ref: string): Promise<string> {
  const { blob, fileName } = await apiDownload(`templates/${encodeURIComponent(ref)}/xlsx`, {});
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has the bytes once click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return fileName;
}
