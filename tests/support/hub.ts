import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { HUB_NODE_FLAGS } from '../../server/node-flags';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningHub {
  url: string;
  child: ChildProcess;
  /** Stops the process we started, by its PID. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `server/main.ts` (or a stand-in) as its own Node process (its PID is the hub's) and waits for it to listen. */
export async function startHub(env: Record<string, string>, port = 0, script = 'server/main.ts'): Promise<RunningHub> {
  const child = spawn(process.execPath, [...(script === 'server/main.ts' ? HUB_NODE_FLAGS : []), '--import', 'tsx', script], {
    cwd: ROOT,
    // Suites enroll many devices from 127.0.0.1: the enrollment limit is raised unless a test sets its own.
    env: { ...process.env, HUB_PORT: String(port), HUB_HOST: '127.0.0.1', HUB_ENROLL_PER_MINUTE: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) ok(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`hub exited with ${code}: ${out}`)));
  });
  return {
    url,
    child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run hub:cli -- …` as the administrator runs it. Asynchronous: a CLI run takes seconds on a
 * busy machine, and a blocked test process lets its open connections to the hub go stale.
 */
export function hubCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', fail);
    child.once('close', (status) => done({ status, stdout, stderr }));
  });
}

export async function enrollCode(role: 'inspector' | 'reviewer', name: string, env: Record<string, string>): Promise<string> {
  const run = await hubCli(['enroll', '--role', role, '--name', name, '--json'], env);
  if (run.status !== 0) throw new Error(`enroll failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { code: string }).code;
}

export async function enrollDevice(url: string, role: 'inspector' | 'reviewer', env: Record<string, string>, deviceName = 'Máy thử'): Promise<{ deviceId: string; token: string }> {
  const code = await enrollCode(role, `Cán bộ ${role}`, env);
  const res = await fetch(`${url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName }) });
  if (res.status !== 201) throw new Error(`enroll ${res.status}: ${await res.text()}`);
  return (await res.json()) as { deviceId: string; token: string };
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface PgCluster {
  url: string;
  stop(): Promise<void>;
}

/** A command run to its end without blocking the event loop; its output is in the error if it fails. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => (error ? fail(new Error(`${command} ${args.join(' ')}: ${error.message}${stderr}`)) : done(stdout)));
  });
}

/**
 * A throwaway PostgreSQL database. Under vitest (tests/support/pg-global-setup.ts sets
 * CONGVU_PG_RUN_DIR) every suite of the run gets its own database on one cluster made for the run:
 * a cluster takes seconds to create, a database a fraction of one. Elsewhere (benchmarks) a cluster
 * of its own. `stop` drops what was made for the caller.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const runDir = process.env['CONGVU_PG_RUN_DIR'];
  return runDir ? freshDatabase(await sharedCluster(runDir)) : ownCluster();
}

let databases = 0;

async function freshDatabase(port: number): Promise<PgCluster> {
  databases += 1;
  const name = `congvu_${process.pid}_${databases}`;
  await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `CREATE DATABASE ${name}`]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${name}`,
    stop: async () => {
      await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    },
  };
}

/**
 * The run's cluster, made by whichever suite asks first (mkdir is the lock); the others wait for
 * its port to be written. The global setup's teardown drops it.
 */
async function sharedCluster(runDir: string): Promise<number> {
  const portFile = join(runDir, 'cluster.json');
  const failFile = join(runDir, 'cluster.failed');
  try {
    mkdirSync(join(runDir, 'lock'));
  } catch {
    for (;;) {
      if (existsSync(portFile)) return (JSON.parse(readFileSync(portFile, 'utf8')) as { port: number }).port;
      if (existsSync(failFile)) throw new Error(`The run's PostgreSQL cluster could not be made: ${readFileSync(failFile, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    const cluster = await createCluster();
    writeFileSync(`${portFile}.part`, JSON.stringify(cluster));
    renameSync(`${portFile}.part`, portFile);
    return cluster.port;
  } catch (error) {
    writeFileSync(failFile, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function createCluster(): Promise<{ name: string; port: number }> {
  await run('sh', ['-c', 'command -v pg_createcluster && test -x /usr/lib/postgresql/15/bin/initdb']).catch(() => {
    throw new Error('PostgreSQL 15 (pg_createcluster, package postgresql) is needed for the hub tests');
  });
  const port = await freePort();
  const name = `congvu_${process.pid}_${port}`;
  await run('pg_createcluster', ['15', name, '-p', String(port), '--start', '--', '--auth=trust']);
  return { name, port };
}

/** Drops a cluster; a fast shutdown can outlast pg_ctl's wait on a loaded machine: then an immediate one. */
export async function dropCluster(name: string): Promise<void> {
  try {
    await run('pg_dropcluster', ['--stop', '15', name]);
  } catch {
    await run('pg_ctlcluster', ['15', name, 'stop', '-m', 'immediate']).catch(() => undefined);
    await run('pg_dropcluster', ['15', name]);
  }
}

/** A cluster of the caller's own (outside vitest), dropped by `stop`: a cluster that cannot be dropped is an error, not a leak left running unnoticed. */
async function ownCluster(): Promise<PgCluster> {
  const { name, port } = await createCluster();
  await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE congvu']);
  return { url: `postgres://postgres@127.0.0.1:${port}/congvu`, stop: () => dropCluster(name) };
}
