import type { z } from 'zod';
import type { exportQuerySchema } from '@shared/admin/admin-api';
import { saveDownload } from '../../api/save-download';
import { apiDownload } from '../../api/client';

/** Asks the hub for the export and hands the file to the browser's downloads; its name and size for the message. */
export async function downloadExport(query: z.output<typeof exportQuerySchema>): Promise<{ fileName: string; bytes: number }> {
  const { blob, fileName } = await apiDownload('exports', query);
  saveDownload(blob, fileName);
  return { fileName, bytes: blob.size };
}
