import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitDraw, revealDraw } from './draw.js';
import { drawVerify } from './verify-cli.js';

describe('zhijian draw verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-draw-'));
  const secret = Buffer.alloc(32, 9);
  const record = revealDraw(commitDraw([{ name: '全部', candidates: ['K3', 'K1', 'K2'], k: 2 }], secret), secret, '见证人输入');
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  afterEach(() => log.mockClear());

  it('prints "valid" and exits 0 for a record that replays, the first mismatch and 1 otherwise', async () => {
    expect(await drawVerify(write('ok.json', record))).toBe(0);
    expect(log).toHaveBeenLastCalledWith('valid');
    const tampered = { ...record, strata: [{ ...record.strata[0]!, selected: [...record.strata[0]!.selected].reverse() }] };
    expect(await drawVerify(write('bad.json', tampered))).toBe(1);
    expect(log.mock.lastCall?.[0]).toMatch(/^mismatch \(selection\)/);
  });
});
