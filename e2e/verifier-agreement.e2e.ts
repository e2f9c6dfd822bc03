/**
 * The three verifiers are one code (issue 13): for every fixture of packages/draw-verify (valid and
 * tampered records, `/1` and `/2`, with and without a commit statement), the file the site serves
 * at /verify/zhijian-verify.mjs, imported in a browser page, gives the fixture's expected answer —
 * the same as `node web/dist/verify/zhijian-verify.mjs <fixture> [statement]`, the download run as
 * a citizen would run it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openPage } from './support/browser';
import { useSuite } from './support/suite';

const suite = useSuite();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = path.join(ROOT, 'packages/draw-verify/fixtures');
const DOWNLOAD = path.join(ROOT, 'web/dist/verify/zhijian-verify.mjs');
const run = promisify(execFile);

/** One fixture as the manifest lists it. */
interface Fixture {
  /** What the fixture is (the test's name). */
  name: string;
  /** The record file, relative to fixtures/. */
  file: string;
  /** The commit statement to check the record against, if any. */
  statement?: string;
  /** The expected answer: valid, or the first mismatch's field. */
  expected: { ok: true } | { ok: false; field: string };
}

type Answer = { ok: true } | { ok: false; field: string; message: string };

/** The manifest's entries (an array, or `{ fixtures: [...] }`), read into the shape above. */
function loadFixtures(): Fixture[] {
  const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as unknown;
  const entries = (Array.isArray(manifest) ? manifest : (manifest as { fixtures: unknown[] }).fixtures) as Record<string, unknown>[];
  return entries.map((e) => {
    const file = String(e.file ?? e.record ?? e.path);
    const expected = (e.expected ?? e.expect) as Record<string, unknown> | string;
    const ok = expected === 'valid' || (typeof expected === 'object' && expected.ok === true);
    const field = typeof expected === 'object' ? expected.field : String(expected).replace(/^mismatch \((.*)\).*$/, '$1');
    const statementFile = typeof e.statementFile === 'string' ? readFileSync(path.join(FIXTURES, e.statementFile), 'utf8') : undefined;
    return {
      name: String(e.name ?? e.description ?? file),
      file,
      statement: typeof e.statement === 'string' ? e.statement : statementFile,
      expected: ok ? { ok: true } : { ok: false, field: String(field) },
    };
  });
}

/** The downloadable file run by Node.js, as a citizen would: `valid` (exit 0) or `mismatch (<field>): <message>` (exit 1). */
async function verifyWithNode(fixture: Fixture): Promise<Answer> {
  const args = [DOWNLOAD, path.join(FIXTURES, fixture.file), ...(fixture.statement ? [fixture.statement] : [])];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: ROOT });
    expect(stdout.split('\n')[0]).toBe('valid');
    return { ok: true };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    expect(code, stderr).toBe(1);
    const m = /^mismatch \(([^)]*)\): (.*)$/.exec(stdout.split('\n')[0] ?? '');
    if (!m) throw new Error(`unexpected output: ${stdout}`);
    return { ok: false, field: m[1]!, message: m[2]! };
  }
}

describe('verifier agreement', () => {
  it('the served verifier in the browser and the downloaded file under Node.js give every fixture its expected answer', { timeout: 120_000 }, async () => {
    const fixtures = loadFixtures();
    expect(fixtures.length).toBeGreaterThan(0);
    const { context, page } = await openPage(suite.browser);
    await page.goto('/public/draw-method');
    for (const fixture of fixtures) {
      const record = JSON.parse(readFileSync(path.join(FIXTURES, fixture.file), 'utf8')) as unknown;
      const options = fixture.statement ? { statement: fixture.statement } : undefined;
      // a string, so that the test runner does not rewrite the page's dynamic import
      const inBrowser = (await page.evaluate(
        `import('/verify/zhijian-verify.mjs').then((m) => m.verifyDrawRecord(${JSON.stringify(record)}, ${JSON.stringify(options)}))`,
      )) as Answer & { checks?: string[] };
      const withNode = await verifyWithNode(fixture);

      const browserAnswer: Answer = inBrowser.ok ? { ok: true } : { ok: false, field: inBrowser.field, message: inBrowser.message };
      expect(browserAnswer, fixture.name).toEqual(withNode);
      if (fixture.expected.ok) expect(withNode.ok, `${fixture.name}: ${JSON.stringify(withNode)}`).toBe(true);
      else expect(withNode.ok ? 'valid' : withNode.field, fixture.name).toBe(fixture.expected.field);
    }
    await context.close();
  });
});
