import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/crash-server.ts');

describe('crash guard', () => {
  let child: ChildProcess;
  let base: string;
  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['pipe', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    base = line.toString().trim();
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill();
  });

  it('answers 500 to a request whose error escaped it, and keeps serving', async () => {
    for (const route of ['/emit', '/reject', '/emit']) {
      const res = await fetch(base + route);
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
      const ok = await fetch(`${base}/ok`);
      expect(ok.status).toBe(200);
    }
    expect(child.exitCode).toBeNull();
  });

  it('exits with status 1 on an error outside any request, for the supervisor to restart it', async () => {
    const exited = once(child, 'exit');
    child.stdin!.write('x\n');
    const [code] = (await exited) as [number];
    expect(code).toBe(1);
  });
});
