import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** Lints source as if it stood at `file` in the repository, and returns the boundary rule's findings. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture boundaries (lint)', () => {
  it.each([
    ["import { x } from '../renderer/src/app/app';", 'renderer/'],
    ["import { x } from '../../electron/main/security';", 'electron/'],
    ["import { x } from '../server/main';", 'server/'],
    ["import { app } from 'electron';", 'Electron'],
    ["import { readFileSync } from 'node:fs';", 'Node'],
    ["import Dexie from 'dexie';", 'the DOM store'],
  ])('fails when shared/ imports %s', async (code) => {
    const errors = await boundaryErrors('shared/inspection/probe.ts', `${code}\nexport const y = x;`);
    expect(errors.join('\n')).toMatch(/shared\/ is the pure domain core/);
  });

  it('lets shared/ import its own modules and zod', async () => {
    expect(await boundaryErrors('shared/inspection/probe.ts', "import { z } from 'zod';\nimport { uuidv7 } from '../ids/uuid7';\nexport const a = [z, uuidv7];")).toEqual([]);
  });

  it('fails when renderer/ imports electron/ or server/', async () => {
    expect(await boundaryErrors('renderer/src/app/probe.ts', "import { api } from '../../../electron/preload/index';\nexport const a = api;")).not.toEqual([]);
    expect(await boundaryErrors('renderer/src/app/probe.ts', "import { a } from '../../../server/main';\nexport const b = a;")).not.toEqual([]);
  });

  it('fails when a component imports Dexie or the database module', async () => {
    expect(await boundaryErrors('renderer/src/features/inspections/probe.tsx', "import Dexie from 'dexie';\nexport const a = Dexie;")).not.toEqual([]);
    expect(await boundaryErrors('renderer/src/features/inspections/probe.tsx', "import { CongvuDb } from '../../db/database';\nexport const a = CongvuDb;")).not.toEqual([]);
  });

  it('fails when electron/ or server/ import the renderer', async () => {
    expect(await boundaryErrors('electron/main/probe.ts', "import { App } from '../../renderer/src/app/app';\nexport const a = App;")).not.toEqual([]);
    expect(await boundaryErrors('server/probe.ts', "import { App } from '../renderer/src/app/app';\nexport const a = App;")).not.toEqual([]);
  });

  it.each([
    ['scripts/probe.ts', "import { x } from '../electron/main/signing/key-store';"],
    ['scripts/probe.ts', "import { x } from '../renderer/src/i18n/vi';"],
    ['scripts/probe.ts', "import { x } from '../server/main';"],
    ['server/admin/probe.ts', "import { x } from '../../scripts/report';"],
    ['server/admin/probe.ts', "import { x } from '../../electron/main/signing/key-store';"],
    ['electron/main/probe.ts', "import { x } from '../../scripts/report';"],
    ['electron/main/probe.ts', "import { x } from '../../server/main';"],
    ['node-shared/signing/probe.ts', "import { x } from '../../electron/main/ipc';"],
    ['node-shared/signing/probe.ts', "import { x } from '../../server/main';"],
    ['node-shared/signing/probe.ts', "import { x } from '../../scripts/report';"],
    ['renderer/src/app/probe.ts', "import { x } from '../../../node-shared/signing/certificate';"],
  ])('keeps the apps out of each other: %s may not %s', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport const y = x;`)).not.toEqual([]);
  });

  it('lets node-shared/ tests, and only its tests, use tests/support, never the apps', async () => {
    const support = "import { makeSoftHsmToken } from '../../../tests/support/softhsm';\nexport const a = makeSoftHsmToken;";
    expect(await boundaryErrors('node-shared/signing/pkcs11/probe.test.ts', support)).toEqual([]);
    expect(await boundaryErrors('node-shared/signing/pkcs11/probe.ts', support)).not.toEqual([]);
    expect(await boundaryErrors('node-shared/signing/pkcs11/probe.test.ts', "import { x } from '../../../electron/main/ipc';\nexport const y = x;")).not.toEqual([]);
    expect(await boundaryErrors('node-shared/signing/pkcs11/probe.test.ts', "import { x } from '../../../server/main';\nexport const y = x;")).not.toEqual([]);
  });

  it('lets the hub, main and the command lines share node-shared/', async () => {
    for (const file of ['scripts/probe.ts', 'server/admin/probe.ts', 'electron/main/handlers/probe.ts']) {
      const depth = file.split('/').length - 1;
      const up = '../'.repeat(depth);
      expect(await boundaryErrors(file, `import { loadFonts } from '${up}node-shared/fonts/load-fonts';\nexport const a = loadFonts;`), file).toEqual([]);
    }
  });
});
