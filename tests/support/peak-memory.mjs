// Preloaded into a child process (NODE_OPTIONS=--import …): on exit, its peak resident memory
// (the kernel's VmHWM, every allocation counted, ArrayBuffers included) goes to stderr.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (m) process.stderr.write(`\npeak-rss-kb=${m[1]}\n`);
});
