import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { sweepStaleSpools } from './read-xlsx.js';

it('removes the spool folders a killed import left behind, keeping recent ones and anything else', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-sweep-test-'));
  const old = path.join(tmp, 'zj-import-old');
  const recent = path.join(tmp, 'zj-import-recent');
  const other = path.join(tmp, 'someone-else');
  for (const dir of [old, recent, other]) {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'upload.xlsx'), 'x');
  }
  const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
  fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
  fs.utimesSync(other, twoDaysAgo, twoDaysAgo);
  expect(await sweepStaleSpools(24 * 3_600_000, tmp)).toBe(1);
  expect(fs.existsSync(old)).toBe(false);
  expect(fs.existsSync(recent)).toBe(true);
  expect(fs.existsSync(other)).toBe(true);
  fs.rmSync(tmp, { recursive: true, force: true });
});
