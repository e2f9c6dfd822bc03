/**
 * Browser test runner: starts the built server (node server/dist/main.js) on a free port with a
 * fresh data directory, waits for /api/health, runs the e2e/*.e2e.ts files with vitest, stops the
 * server and exits with vitest's exit code. Build first: `npm run build`.
 * Extra arguments are passed to vitest (e.g. `npm run test:browser -- e2e/auth.e2e.ts`).
 * Server output goes to .e2e/server.log; screenshots of failed tests to .e2e/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = path.join(ROOT, '.e2e');
const SERVER_ENTRY = path.join(ROOT, 'server/dist/main.js');
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'Zhijian#E2e2026';
const HEALTH_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode} before becoming healthy`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`server not healthy after ${HEALTH_TIMEOUT_MS / 1000}s`);
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function runVitest(env: NodeJS.ProcessEnv): Promise<number> {
  const require = createRequire(import.meta.url);
  const vitestBin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [vitestBin, 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)],
      { cwd: ROOT, env, stdio: 'inherit' },
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  if (!existsSync(SERVER_ENTRY)) {
    console.error(`e2e: ${path.relative(ROOT, SERVER_ENTRY)} not found — run \`npm run build\` first`);
    return 1;
  }
  if (!existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    console.error('e2e: web/dist/index.html not found — run `npm run build` first');
    return 1;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zj-e2e-'));
  const logFile = path.join(ARTIFACTS, 'server.log');
  const log = openSync(logFile, 'w');

  const server = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ZJ_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // Every test signs in from 127.0.0.1, the administrator many times a minute: not what the login limits are for.
      ZJ_LOGIN_RATE_LIMIT_IP: '1000000',
      ZJ_LOGIN_RATE_LIMIT_USER: '1000000',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', log, log],
  });

  const cleanup = async () => {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log(`e2e: starting server on ${baseUrl} (data: ${dataDir})`);
    const started = Date.now();
    await waitForHealth(baseUrl, server);
    console.log(`e2e: server healthy after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return await runVitest({ ...process.env, E2E_BASE_URL: baseUrl, E2E_ADMIN_PASSWORD: ADMIN_PASSWORD });
  } catch (err) {
    console.error(`e2e: ${(err as Error).message}\n--- server log (${path.relative(ROOT, logFile)}) ---\n${tail(logFile)}`);
    return 1;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();
