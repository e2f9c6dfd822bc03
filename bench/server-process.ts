import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { build } from 'esbuild';
import { ROOT_DIR } from '../server/src/config.js';

/** A running bench server (bench/server.ts in its own process). */
export interface BenchServer {
  pid: number;
  baseUrl: string;
  /** Starts watching the process's memory: the peak resident set size from now on. */
  watchMemory(): MemoryWatch;
  stop(): Promise<void>;
}

export interface MemoryWatch {
  /** Stops watching; the peak RSS in MB since `watchMemory` (kernel high-water mark when it could be reset, else polled). */
  /** RSS in MB when watching began. */
  startRssMb: number;
  stop(): { peakRssMb: number; source: 'VmHWM' | 'polled VmRSS' };
}

const kb = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);

/**
 * bench/server.ts and the app compiled to one JavaScript file, as `npm start` runs compiled code:
 * run through tsx, the server would carry the TypeScript loader (about 60 MB) into its memory figures.
 * Kept in bench/.build/ so that the app's paths, taken two levels above its file, still point at the repository.
 */
async function buildServer(): Promise<string> {
  const outfile = path.join(ROOT_DIR, 'bench/.build/server.mjs');
  await build({ entryPoints: [path.join(ROOT_DIR, 'bench/server.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  return outfile;
}

/** Starts the compiled bench/server.ts with the given environment; resolves once it listens. */
export async function startServer(env: Record<string, string>, label: string): Promise<BenchServer> {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each bench server, written to <dir> when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, await buildServer()], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ZJ_JOBS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  readline.createInterface({ input: child.stderr! }).on('line', (line) => console.error(`[server ${label}] ${line}`));
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^BENCH_SERVER_READY (\d+)$/.exec(line);
      if (ready) resolve(Number(ready[1]));
      else console.error(`[server ${label}] ${line}`);
    });
    void exited.then((code) => reject(new Error(`the ${label} bench server exited with code ${code} before listening`)));
  });
  return {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    watchMemory: () => watchMemory(child.pid!),
    stop: () => stopChild(child, exited),
  };
}

function watchMemory(pid: number): MemoryWatch {
  const statusFile = `/proc/${pid}/status`;
  let hwmReset = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
  } catch {
    hwmReset = false;
  }
  let polledKb = 0;
  const poll = () => {
    try {
      polledKb = Math.max(polledKb, kb(fs.readFileSync(statusFile, 'utf8'), 'VmRSS'));
    } catch {
      /* the process is gone; the peak so far stands */
    }
  };
  poll();
  const startRssMb = Math.round(polledKb / 1024);
  const timer = setInterval(poll, 100);
  return {
    startRssMb,
    stop() {
      clearInterval(timer);
      poll();
      const hwmKb = hwmReset ? kb(fs.readFileSync(statusFile, 'utf8'), 'VmHWM') : NaN;
      return Number.isFinite(hwmKb) ? { peakRssMb: Math.round(Math.max(hwmKb, polledKb) / 1024), source: 'VmHWM' } : { peakRssMb: Math.round(polledKb / 1024), source: 'polled VmRSS' };
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
