/**
 * The repository's CLI (`node bin/zhijian.js draw verify …`) and the standalone file
 * (`node packages/draw-verify/zhijian-verify.mjs …`) print the same answer for every fixture, as
 * child processes — with the commit statement as text or as a file, and with a record read from a
 * URL (the public page's address as well as the JSON address).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'bin/zhijian.js');
const STANDALONE = path.join(ROOT, 'packages/draw-verify/zhijian-verify.mjs');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: os.tmpdir() }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
const cli = (...args: string[]) => run([CLI, 'draw', 'verify', ...args]);
const standalone = (...args: string[]) => run([STANDALONE, ...args]);
const firstLine = (o: Outcome) => o.stdout.split('\n')[0];

interface Entry {
  name: string;
  file: string;
  statement?: string;
  expect: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'manifest.json'), 'utf8')) as Entry[];

describe('npx zhijian draw verify and node zhijian-verify.mjs', () => {
  it('print the same first line and exit with the same code for every fixture', { timeout: 120_000 }, async () => {
    const queue = [...manifest];
    const check = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const args = [path.join(FIXTURES_DIR, entry.file), ...(entry.statement === undefined ? [] : [entry.statement])];
        const [a, b] = await Promise.all([cli(...args), standalone(...args)]);
        expect(a, entry.name).toEqual(b);
        if (entry.expect === 'valid') {
          expect(a.code, `${entry.name}: ${a.stdout}${a.stderr}`).toBe(0);
          expect(firstLine(a)).toBe('valid');
        } else {
          expect(a.code, `${entry.name}: ${a.stdout}${a.stderr}`).toBe(1);
          expect(firstLine(a)).toMatch(new RegExp(`^mismatch \\(${entry.expect}\\): .+`));
        }
      }
    };
    await Promise.all([check(), check(), check(), check()]);
  });

  it('read the commit statement from a file', async () => {
    const entry = manifest.find((e) => e.file === 'v2-audit.json' && e.statement)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-statement-'));
    const file = path.join(dir, 'statement.txt');
    fs.writeFileSync(file, `${entry.statement}\n`);
    const record = path.join(FIXTURES_DIR, entry.file);
    expect(await cli(record, file)).toMatchObject({ code: 0 });
    expect(await standalone(record, file)).toMatchObject({ code: 0 });
    fs.writeFileSync(file, entry.statement!.replace(/inspectorsPerTask=\d+/, 'inspectorsPerTask=9'));
    expect(firstLine(await cli(record, file))).toBe(firstLine(await standalone(record, file)));
    expect(firstLine(await cli(record, file))).toMatch(/^mismatch \(commit statement\): inspectorsPerTask/);
    // Neither a file nor a statement: a usage error, not a mismatch.
    expect(await cli(record, path.join(dir, 'missing.txt'))).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file, and not a commit statement') as unknown });
    fs.rmSync(dir, { recursive: true });
  });

  it('explain usage and unreadable records on stderr with exit code 2', async () => {
    expect(await cli()).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('usage: zhijian draw verify') as unknown });
    expect(await standalone()).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('usage: node zhijian-verify.mjs') as unknown });
    expect(await run([CLI])).toMatchObject({ code: 2 });
    const missing = await standalone(path.join(os.tmpdir(), 'no-such-record.json'));
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/ENOENT/);
  });
});

describe('a record read from an address', () => {
  let server: http.Server;
  let base = '';
  const record = fs.readFileSync(path.join(FIXTURES_DIR, 'v2-revealed.json'));
  const tampered = fs.readFileSync(path.join(FIXTURES_DIR, 'v2-assignment.json'));

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (url === '/api/public/draws/x' || url === '/api/public/spotcheck-draws/x') res.writeHead(200, { 'content-type': 'application/json' }).end(record);
      else if (url === '/api/public/draws/bad') res.writeHead(200, { 'content-type': 'application/json' }).end(tampered);
      else if (url.startsWith('/api/')) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND"}}');
      // The single-page app answers every other path with its HTML.
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body><div id="root"></div></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('takes the public page’s address as well as the JSON address', async () => {
    for (const address of [`${base}/public/draws/x`, `${base}/public/draws/x/`, `${base}/api/public/draws/x`]) {
      const [a, b] = await Promise.all([cli(address), standalone(address)]);
      expect(a, address).toEqual(b);
      expect(a.code, `${address}: ${a.stdout}${a.stderr}`).toBe(0);
      expect(firstLine(a)).toBe('valid');
    }
    const statement = manifest.find((e) => e.file === 'v2-revealed.json' && e.expect === 'valid' && e.statement)!.statement!;
    expect(await cli(`${base}/public/draws/x`, statement)).toMatchObject({ code: 0 });
  });

  it('takes a spot check draw’s page address as well as its JSON address', async () => {
    for (const address of [`${base}/public/spotcheck-draws/x`, `${base}/public/spotcheck-draws/x/`, `${base}/api/public/spotcheck-draws/x`]) {
      const [a, b] = await Promise.all([cli(address), standalone(address)]);
      expect(a, address).toEqual(b);
      expect(a.code, `${address}: ${a.stdout}${a.stderr}`).toBe(0);
      expect(firstLine(a)).toBe('valid');
    }
    const notFound = await cli(`${base}/public/spotcheck-draws/none`);
    expect(notFound.stderr).toContain(`${base}/api/public/spotcheck-draws/none: HTTP 404`);
  });

  it('reports the first mismatch of a record read from an address', async () => {
    const [a, b] = await Promise.all([cli(`${base}/public/draws/bad`), standalone(`${base}/public/draws/bad`)]);
    expect(a).toEqual(b);
    expect(a.code).toBe(1);
    expect(firstLine(a)).toMatch(/^mismatch \(assignment\): /);
  });

  it('says so when an address gives an HTML page or an error', async () => {
    const page = await standalone(`${base}/some/other/page`);
    expect(page).toMatchObject({ code: 2, stdout: '' });
    expect(page.stderr).toContain('is an HTML page, not a draw record');
    expect(page.stderr).not.toContain('Unexpected token');
    const notFound = await cli(`${base}/public/draws/none`);
    expect(notFound).toMatchObject({ code: 2, stdout: '' });
    expect(notFound.stderr).toContain(`${base}/api/public/draws/none: HTTP 404`);
  });
});
