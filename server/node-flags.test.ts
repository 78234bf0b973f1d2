import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUB_NODE_FLAGS } from './node-flags';

describe('hub node flags', () => {
  it('are the ones `npm run hub` starts the hub with', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    // The console it serves at /admin is built first.
    expect(scripts['hub']).toBe(`npm run build:admin && node ${HUB_NODE_FLAGS.join(' ')} --import tsx server/main.ts`);
  });
});
