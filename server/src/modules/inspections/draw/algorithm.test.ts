import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { byUtf8, candidatesHashOf, commitmentOf, randomStream, seedOf, selectK, sortUtf8, uniform } from './algorithm.js';

const words = (...ws: number[]) => {
  let i = 0;
  return () => ws[i++]!;
};

describe('zhijian-draw/1 building blocks', () => {
  it('commits to the secret and seeds from secret ‖ UTF-8(witness input)', () => {
    const secret = Buffer.alloc(32, 7);
    expect(commitmentOf(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(seedOf(secret, '淮安').toString('hex')).toBe(createHash('sha256').update(Buffer.concat([secret, Buffer.from('淮安', 'utf8')])).digest('hex'));
    expect(seedOf(secret, '').equals(createHash('sha256').update(secret).digest())).toBe(true);
  });

  it('hashes the candidates as `# stratum` lines followed by one line per key', () => {
    const text = '# A 类\nK1\nK2\n# B\n';
    expect(candidatesHashOf([{ name: 'A 类', candidates: ['K1', 'K2'] }, { name: 'B', candidates: [] }])).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('reads block i of a stream as SHA-256(seed ‖ name ‖ uint32be(i)), eight big-endian words each', () => {
    const seed = Buffer.alloc(32, 1);
    const next = randomStream(seed, 's');
    const block = (i: number) => createHash('sha256').update(Buffer.concat([seed, Buffer.from('s'), Buffer.from([0, 0, 0, i])])).digest();
    const expected = [...[0, 1].flatMap((i) => Array.from({ length: 8 }, (_, w) => block(i).readUInt32BE(w * 4)))];
    expect(Array.from({ length: 16 }, () => next())).toEqual(expected);
  });

  it('samples uniformly by rejection: words at or above ⌊2³²/m⌋·m are skipped', () => {
    // m = 3: the limit is 4294967295, so only the last word value is rejected.
    expect(uniform(words(0xffffffff, 7), 3)).toBe(1);
    // m = 2³¹ + 1: the limit is 2³¹ + 1; 2³¹ + 1 and above are skipped.
    expect(uniform(words(2 ** 31 + 1, 2 ** 32 - 1, 2 ** 31), 2 ** 31 + 1)).toBe(2 ** 31);
    expect(uniform(words(123), 1)).toBe(0);
    expect(() => uniform(words(1), 0)).toThrow(RangeError);
  });

  it('selects by partial Fisher–Yates, in draw order', () => {
    // n = 4, k = 2: j = 0 swaps with 0 + (5 mod 4) = 1; j = 1 swaps with 1 + (4 mod 3) = 2.
    expect(selectK(words(5, 4), ['a', 'b', 'c', 'd'], 2)).toEqual(['b', 'c']);
    expect(selectK(words(), ['a'], 0)).toEqual([]);
    expect(() => selectK(words(), ['a'], 2)).toThrow(RangeError);
  });

  it('orders keys by UTF-8 bytes, unlike JavaScript’s UTF-16 sort', () => {
    const keys = ['😀', 'Ａ', 'A'];
    expect([...keys].sort()).toEqual(['A', '😀', 'Ａ']);
    expect([...keys].sort(byUtf8)).toEqual(['A', 'Ａ', '😀']);
    expect(sortUtf8(keys)).toEqual(['A', 'Ａ', '😀']);
    expect(sortUtf8(['b', 'Ａ', 'a'])).toEqual(['a', 'b', 'Ａ']);
    // Against the bytes themselves, on random strings across the planes.
    const units = [0x41, 0x7f, 0x80, 0x4e2d, 0xd7ff, 0xe000, 0xff21, 0xffff];
    const random = () => Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () => (Math.random() < 0.3 ? String.fromCodePoint(0x10000 + Math.floor(Math.random() * 0xfffff)) : String.fromCharCode(units[Math.floor(Math.random() * units.length)]!))).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [random(), random()];
      expect(Math.sign(byUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
    }
  });
});
