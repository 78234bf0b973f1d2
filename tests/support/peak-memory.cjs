// Preloaded into a child process (NODE_OPTIONS=--require …): on exit, its peak resident memory
// (the kernel's VmHWM, every allocation counted, ArrayBuffers included) goes to stderr.
process.on('exit', () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
  if (m) process.stderr.write(`\npeak-rss-kb=${m[1]}\n`);
});
