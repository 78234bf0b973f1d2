import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { saveWithDialog } from './files-save';

const request = { suggestedName: 'a.json', filter: { name: 'JSON', extensions: ['json'] }, data: new TextEncoder().encode('{"a":"Bình"}') };

describe('files.save', () => {
  it('writes the bytes where the user chose and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'congvu-save-'));
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: join(dir, 'out.json') })) };
    await expect(saveWithDialog(dialog as never, null, request)).resolves.toEqual({ saved: true, fileName: 'out.json' });
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('{"a":"Bình"}');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('reports a cancelled dialog without writing', async () => {
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) };
    await expect(saveWithDialog(dialog as never, null, request)).resolves.toEqual({ saved: false });
  });

  it('fails loudly when the folder cannot be written, and leaves nothing behind', async () => {
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/nonexistent-dir/x/out.json' })) };
    await expect(saveWithDialog(dialog as never, null, request)).rejects.toThrow(/ENOENT/);
  });
});
