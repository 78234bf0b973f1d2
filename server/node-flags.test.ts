import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUB_NODE_FLAGS } from './node-flags';

describe('hub node flags', () => {
  it('are the ones `npm run hub` starts the hub with', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['hub']).toBe(`node ${HUB_NODE_FLAGS.join(' ')} --import tsx server/main.ts`);
  });
});
