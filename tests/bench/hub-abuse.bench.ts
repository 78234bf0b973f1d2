import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PREFIX } from '../../shared/sync/protocol';
import { startHub } from '../support/hub';
import { judge, type BenchRun } from './results';

const SECONDS = 5;
const AT_ONCE = 8;

/**
 * Enrollment guesses from one client address for a few seconds, as fast as the hub answers them,
 * against the production limit: how many guesses a second the limiter lets through to be judged
 * (the rest are 429), beside how many the hub answered at all.
 */
export async function benchEnrollGuesses({ emit, part }: BenchRun): Promise<void> {
  await part('enrollment guesses on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'congvu-bench-guess-'));
    const hub = await startHub({ HUB_DATA_DIR: dir, HUB_ENROLL_PER_MINUTE: '10' });
    try {
      let answered = 0;
      let accepted = 0;
      let n = 0;
      const t0 = performance.now();
      const end = t0 + SECONDS * 1000;
      const guesser = async () => {
        while (performance.now() < end) {
          const code = `GUES-${String(n++).padStart(4, 'A')}-XXXX`;
          const res = await fetch(`${hub.url}${API_PREFIX}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Đoán' }) });
          await res.arrayBuffer();
          answered += 1;
          if (res.status !== 429) accepted += 1;
        }
      };
      await Promise.all(Array.from({ length: AT_ONCE }, guesser));
      const seconds = (performance.now() - t0) / 1000;
      emit(judge('hub.enroll_guesses_answered_per_s', answered / seconds, 'guesses/s', null));
      emit(judge('hub.enroll_guesses_accepted_per_s', accepted / seconds, 'guesses/s', '<= 10'));
    } finally {
      await hub.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
