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

/** One fixture as packages/draw-verify/fixtures/manifest.json lists it. */
interface Fixture {
  /** What the fixture is. */
  name: string;
  /** The record file, relative to fixtures/. */
  file: string;
  /** The commit statement to check the record against, if any. */
  statement?: string;
  /** `valid`, or the field of the first mismatch. */
  expect: string;
}

type Answer = { ok: true } | { ok: false; field: string; message: string };

const loadFixtures = () => JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as Fixture[];

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
    // the downloaded file under Node.js, eight fixtures at a time
    const withNode: Answer[] = [];
    for (let i = 0; i < fixtures.length; i += 8) withNode.push(...(await Promise.all(fixtures.slice(i, i + 8).map(verifyWithNode))));

    const { context, page } = await openPage(suite.browser);
    await page.goto('/public/draw-method');
    for (const [i, fixture] of fixtures.entries()) {
      const record = JSON.parse(readFileSync(path.join(FIXTURES, fixture.file), 'utf8')) as unknown;
      const options = fixture.statement ? { statement: fixture.statement } : undefined;
      // a string, so that the test runner does not rewrite the page's dynamic import
      const inBrowser = (await page.evaluate(
        `import('/verify/zhijian-verify.mjs').then((m) => m.verifyDrawRecord(${JSON.stringify(record)}, ${JSON.stringify(options)}))`,
      )) as Answer;
      const browserAnswer: Answer = inBrowser.ok ? { ok: true } : { ok: false, field: inBrowser.field, message: inBrowser.message };
      const nodeAnswer = withNode[i]!;
      expect(browserAnswer, fixture.name).toEqual(nodeAnswer);
      expect(nodeAnswer.ok ? 'valid' : nodeAnswer.field, `${fixture.name}: ${JSON.stringify(nodeAnswer)}`).toBe(fixture.expect);
    }
    await context.close();
  });
});
