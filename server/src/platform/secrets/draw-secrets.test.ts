import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DRAW_SECRET_BYTES, isSealedDrawSecret, makeDrawSecrets } from './draw-secrets.js';

describe('draw secrets at rest', () => {
  const secrets = makeDrawSecrets(randomBytes(32));

  it('seals a secret into 64 bytes that do not contain it, with a fresh IV each time, and opens it again', () => {
    const secret = randomBytes(DRAW_SECRET_BYTES);
    const sealed = secrets.seal(secret);
    expect(sealed.length).toBe(64);
    expect(sealed.subarray(0, 4).toString('latin1')).toBe('zds\x01');
    expect(isSealedDrawSecret(sealed)).toBe(true);
    expect(sealed.includes(secret)).toBe(false);
    expect(sealed.includes(secret.subarray(0, 8))).toBe(false);
    expect(secrets.open(sealed).equals(secret)).toBe(true);
    expect(secrets.seal(secret).equals(sealed)).toBe(false);
  });

  it('reads a plain 32-byte secret of a draw committed before sealing as it is', () => {
    const plain = randomBytes(DRAW_SECRET_BYTES);
    expect(isSealedDrawSecret(plain)).toBe(false);
    expect(secrets.open(plain).equals(plain)).toBe(true);
  });

  it('refuses, never guesses: another key, a changed byte, or a value of neither form', () => {
    const sealed = secrets.seal(randomBytes(DRAW_SECRET_BYTES));
    expect(() => makeDrawSecrets(randomBytes(32)).open(sealed)).toThrow(expect.objectContaining({ code: 'DRAW_SECRET_UNREADABLE', status: 500, message: expect.stringContaining('不是用本系统的密钥封存的') }));
    const changed = Buffer.from(sealed);
    changed[changed.length - 1]! ^= 0x01;
    expect(() => secrets.open(changed)).toThrow(expect.objectContaining({ code: 'DRAW_SECRET_UNREADABLE' }));
    expect(() => secrets.open(randomBytes(64))).toThrow(expect.objectContaining({ code: 'DRAW_SECRET_UNREADABLE' }));
    expect(() => secrets.open(randomBytes(31))).toThrow(expect.objectContaining({ code: 'DRAW_SECRET_UNREADABLE' }));
    expect(() => secrets.seal(randomBytes(16))).toThrow(RangeError);
  });
});
