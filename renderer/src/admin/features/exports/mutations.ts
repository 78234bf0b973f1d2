import type { z } from 'zod';
import type { exportQuerySchema } from '@shared/admin/admin-api';
import { apiDownload } from '../../api/client';

/** Asks the hub for the export and hands the file to the browser's downloads; its name and size for the message. */
export async function downloadExport(query: z.output<typeof exportQuerySchema>): Promise<{ fileName: string; bytes: number }> {
  const { blob, fileName } = await apiDownload('exports', query);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has the bytes once click() returns; the URL is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return { fileName, bytes: blob.size };
}
