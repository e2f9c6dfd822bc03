import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblems, verifyPassword } from './password.js';

describe('password rules', () => {
  it('demands the minimum length', () => {
    expect(passwordProblems('Ab1#', 10)).toContain('长度至少 10 位');
    expect(passwordProblems('Abcdef1#xy', 10)).toEqual([]);
  });

  it('demands three of four character classes', () => {
    expect(passwordProblems('abcdefghijkl', 10)).toHaveLength(1);
    expect(passwordProblems('abcdefgh12', 10)).toHaveLength(1);
    expect(passwordProblems('abcdefgh12#', 10)).toEqual([]);
  });

  it('generated passwords always satisfy the rules', () => {
    fc.assert(fc.property(fc.integer({ min: 12, max: 40 }), (n) => passwordProblems(generatePassword(n), 12).length === 0));
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Secret#2026x');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Secret#2026x')).toBe(true);
    expect(await verifyPassword(hash, 'Secret#2026y')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
