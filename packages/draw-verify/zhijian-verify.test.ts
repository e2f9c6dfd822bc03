import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, fixtureCases, fixtureFiles } from './fixtures.js';
import { VECTOR_1, VECTOR_2, blindOf, buildV1, buildV2, byBytes, linesHash, nonceOf } from './reference.js';
import { type MismatchField, commitStatementOf, parseCommitStatement, verifyDrawRecord } from './zhijian-verify.mjs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fieldOf = async (record: unknown, statement?: string) => {
  const result = await verifyDrawRecord(record, { statement });
  return result.ok ? 'valid' : result.field;
};

describe('zhijian-draw/2 test vector (issue 13)', () => {
  // Built with node:crypto from the vector's inputs (reference.ts), then verified with Web Crypto.
  const built = buildV2({ ...VECTOR_2, id: 'vector', committedAt: '2026-12-05T08:00:00.000Z' });
  const record = built.revealed as Json;

  it('gives the values the issue lists', () => {
    expect(record.seed).toBe('7709f630dc204a4037ce6b209308a6157e65de18c19236724241ea010abb5fbd');
    expect(nonceOf(VECTOR_2.blindSecret, '91320800MA1000000A').toString('hex')).toBe('a783a76baadebd928cb86e8bd8ff715525f7d4017b0887533bf78498f236e5d6');
    expect(blindOf(VECTOR_2.blindSecret, '91320800MA1000000A')).toBe('31be03a290b742763153064527ca9638312b38b43ad464f5dbfe3ee768492916');
    expect(record.candidatesHash).toBe('845aeedc05490ee21a690c82309b23230f5eba4bd6dea1ed7fe5f43ae8c1edff');
    expect(record.strata.map((s: Json) => s.name)).toEqual(['S1', 'S2']);
    const [s1, s2] = record.strata as Json[];
    expect(s1!.selected).toHaveLength(2);
    expect(s1!.selected[0]).toBe('31be03a290b742763153064527ca9638312b38b43ad464f5dbfe3ee768492916');
    expect(s1!.selected[1]).toMatch(/^b0acc7c2[0-9a-f]{52}ca3b$/);
    expect(s1!.selected[1]).toBe(blindOf(VECTOR_2.blindSecret, '91320800MA1000001B'));
    expect(s2!.selected).toHaveLength(1);
    expect(s2!.selected[0]).toMatch(/^7a5cded2[0-9a-f]{52}b58f$/);
    expect(s2!.selected[0]).toBe(blindOf(VECTOR_2.blindSecret, '91320826MA2000001Y'));
    expect(record.openings.map((o: Json) => o.key)).toEqual(['91320800MA1000000A', '91320800MA1000001B', '91320826MA2000001Y']);
    expect(record.openings[0].nonce).toBe('a783a76baadebd928cb86e8bd8ff715525f7d4017b0887533bf78498f236e5d6');
    expect(record.inspectorPoolHash).toBe('51e81da11b468d9cc8b5b9796fa783101dcbdbd59ec76bc9357c5db16bbf6881');
    expect(record.assignments.map((a: Json) => [a.objectKey, a.selected])).toEqual([
      ['91320800MA1000000A', ['u1', 'u3']],
      ['91320800MA1000001B', ['u1', 'u3']],
      ['91320826MA2000001Y', ['u3', 'u1']],
    ]);
  });

  it('verifies as revealed, committed and auditors’ record, with its commit statement', async () => {
    expect(await verifyDrawRecord(record, { statement: built.commitStatement })).toEqual({
      ok: true,
      version: 'zhijian-draw/2',
      status: 'revealed',
      audit: false,
      checks: ['version', 'commitment', 'seed', 'candidate hash', 'candidates', 'selection', 'openings', 'inspector pool', 'assignment', 'commit statement'],
    });
    expect(await verifyDrawRecord(built.committed, { statement: built.commitStatement })).toEqual({
      ok: true,
      version: 'zhijian-draw/2',
      status: 'committed',
      audit: false,
      checks: ['version', 'commitment', 'candidate hash', 'candidates', 'inspector pool', 'commit statement'],
    });
    expect(await verifyDrawRecord(built.audit)).toMatchObject({ ok: true, status: 'revealed', audit: true, checks: expect.arrayContaining(['blinding']) as unknown });
    expect(await verifyDrawRecord(built.auditCommitted)).toMatchObject({ ok: true, status: 'committed', audit: true });
  });
});

describe('zhijian-draw/1 test vector (docs/DRAW.md)', () => {
  it('gives the documented values and verifies', async () => {
    const record = buildV1(VECTOR_1);
    expect(record.commitment).toBe('630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd');
    expect(record.seed).toBe('cf4a7f6448f503264ea10df69132792b393c293e665805b101f2af176c1fb79d');
    expect(record.candidatesHash).toBe('e95539fd2dc95935fbec61449d9d814b13330d3586f75a24ce3e329866df8fd0');
    expect(record.strata.map((s) => s.selected)).toEqual([
      ['91320800MA1000000A', '91320800MA1000003D'],
      ['91320826MA2000000X', '91320826MA2000001Y'],
    ]);
    expect(record.assignments.map((a) => a.selected)).toEqual([
      ['u1', 'u2'],
      ['u1', 'u3'],
      ['u3', 'u2'],
      ['u2', 'u1'],
    ]);
    expect(await verifyDrawRecord(record)).toEqual({
      ok: true,
      version: 'zhijian-draw/1',
      status: 'revealed',
      audit: false,
      checks: ['version', 'commitment', 'seed', 'candidate hash', 'unsorted candidates', 'selection', 'assignment'],
    });
  });

  it('orders candidates by UTF-8 bytes, not UTF-16 code units', async () => {
    const keys = ['😀', 'Ａ', 'A'];
    const record = buildV1({ ...VECTOR_1, strata: [{ name: '全部', candidates: keys, k: 2 }] });
    expect(record.strata[0]!.candidates).toEqual(['A', 'Ａ', '😀']);
    expect(await fieldOf(record)).toBe('valid');
    // The same keys in JavaScript's default (UTF-16) order, with their hash redone: not sorted.
    const utf16 = buildV1({ ...VECTOR_1, strata: [{ name: '全部', candidates: keys, k: 2 }] });
    utf16.strata[0]!.candidates = [...keys].sort();
    utf16.candidatesHash = linesHash([{ header: '# 全部', lines: utf16.strata[0]!.candidates }]);
    expect(await fieldOf(utf16)).toBe('unsorted candidates');
  });
});

describe('fixtures', () => {
  const cases = fixtureCases();

  it('are the files in fixtures/ (regenerate with `npx tsx packages/draw-verify/fixtures.ts`)', () => {
    const files = fixtureFiles(cases);
    expect(fs.readdirSync(FIXTURES_DIR).sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8'), name).toBe(text);
  });

  it('cover every kind of mismatch', () => {
    const fields: MismatchField[] = ['version', 'commitment', 'seed', 'candidate hash', 'unsorted candidates', 'candidates', 'selection', 'openings', 'inspector pool', 'assignment', 'blinding', 'commit statement'];
    expect(new Set(cases.map((c) => c.expect))).toEqual(new Set(['valid', ...fields]));
  });

  for (const c of cases) {
    it(`${c.name}: ${c.expect}${c.statement === undefined ? '' : ' (with a commit statement)'}`, async () => {
      const result = await verifyDrawRecord(c.record, { statement: c.statement });
      if (c.expect === 'valid') expect(result).toMatchObject({ ok: true });
      else {
        expect(result).toMatchObject({ ok: false, field: c.expect });
        if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
      }
    });
  }
});

describe('verifyDrawRecord', () => {
  const rich = buildV2({ ...VECTOR_2, id: 'd1', committedAt: '2026-12-05T08:00:00.000Z' });

  it('reports precisely what is wrong', async () => {
    const r = structuredClone(rich.revealed) as Json;
    r.openings[2].nonce = '0'.repeat(64);
    const result = await verifyDrawRecord(r);
    expect(result).toEqual({ ok: false, field: 'openings', message: expect.stringMatching(/^opening of 91320826MA2000001Y: SHA-256\(nonce ‖ key\) is [0-9a-f]{64}, not the selected id 7a5cded2/) as unknown });
  });

  it('answers a mismatch, never throws, for records of the wrong shape', async () => {
    expect(await verifyDrawRecord(null)).toMatchObject({ ok: false, field: 'version' });
    expect(await verifyDrawRecord([])).toMatchObject({ ok: false, field: 'version' });
    expect(await verifyDrawRecord('zhijian-draw/2')).toMatchObject({ ok: false, field: 'version' });
    expect(await verifyDrawRecord({ version: 'zhijian-draw/2' })).toMatchObject({ ok: false, field: 'commitment' });
    expect(await verifyDrawRecord({ version: 'zhijian-draw/2', commitment: rich.revealed.commitment })).toMatchObject({ ok: false, field: 'candidate hash' });
    expect(await verifyDrawRecord({ ...rich.revealed, strata: 'S1' })).toMatchObject({ ok: false, field: 'candidate hash' });
    expect(await verifyDrawRecord({ ...rich.revealed, openings: undefined })).toMatchObject({ ok: false, field: 'openings' });
    expect(await verifyDrawRecord({ ...rich.revealed, openings: [null] })).toMatchObject({ ok: false, field: 'openings' });
    expect(await verifyDrawRecord({ ...rich.revealed, inspectorPool: [1, 2] })).toMatchObject({ ok: false, field: 'inspector pool' });
    expect(await verifyDrawRecord({ ...rich.revealed, assignments: [{ objectKey: '91320800MA1000000A' }] })).toMatchObject({ ok: false, field: 'assignment' });
    expect(await verifyDrawRecord({ ...buildV1(VECTOR_1), assignments: [null] })).toMatchObject({ ok: false, field: 'assignment' });
    expect(await verifyDrawRecord({ ...buildV1(VECTOR_1), strata: [{ name: 'A', candidates: ['a'], k: 1 }] })).toMatchObject({ ok: false, field: 'candidate hash' });
    const twice = structuredClone(rich.committed) as Json;
    twice.strata[1].name = 'S1';
    twice.candidatesHash = linesHash(twice.strata.map((s: Json) => ({ header: `# ${s.name}`, lines: s.candidates })));
    expect(await verifyDrawRecord(twice)).toEqual({ ok: false, field: 'candidates', message: 'two strata are labelled S1' });
  });

  it('takes a record without secret as committed only when it says so (zhijian-draw/1) or has no status (zhijian-draw/2)', async () => {
    const v1 = buildV1(VECTOR_1) as Json;
    delete v1.secret;
    expect(await fieldOf(v1)).toBe('commitment');
    expect(await verifyDrawRecord({ ...v1, status: 'committed' })).toMatchObject({ ok: true, status: 'committed' });
    const v2 = structuredClone(rich.committed) as Json;
    delete v2.status;
    expect(await verifyDrawRecord(v2)).toMatchObject({ ok: true, status: 'committed' });
    expect(await fieldOf({ ...v2, status: 'revealed' })).toBe('commitment');
  });

  it('checks the witness input in NFC form', async () => {
    const nfd = buildV2({ ...VECTOR_2, witnessInput: 'Cafe\u0301' });
    expect(nfd.revealed.witnessInput).toBe('Cafe\u0301');
    expect(await fieldOf(nfd.revealed)).toBe('valid');
    expect(await fieldOf({ ...nfd.revealed, witnessInput: 'Café' })).toBe('valid');
    expect(await fieldOf({ ...nfd.revealed, witnessInput: 'Cafe' })).toBe('seed');
  });

  it('checks the auditors’ labels: in the order of HMAC(blind secret, class), one per stratum', async () => {
    const classes = buildV2({
      ...VECTOR_2,
      strata: [
        { className: 'A类', keys: ['K1', 'K2', 'K3'], k: 1 },
        { className: 'B类', keys: [], k: 0 },
        { className: 'C类', keys: ['K4', 'K5'], k: 1 },
        { className: 'D类', keys: ['K6'], k: 1 },
      ],
    });
    const audit = classes.audit as Json;
    expect(Object.keys(audit.labels)).toEqual(['S1', 'S2', 'S3']); // B类 is empty, left out
    expect(Object.values(audit.labels).sort()).toEqual(['A类', 'C类', 'D类']);
    expect(await fieldOf(audit)).toBe('valid');
    const swapped = structuredClone(audit);
    [swapped.labels.S2, swapped.labels.S3] = [swapped.labels.S3, swapped.labels.S2];
    expect(await verifyDrawRecord(swapped)).toMatchObject({ ok: false, field: 'blinding', message: expect.stringContaining('not in the order of HMAC') as unknown });
    const missing = structuredClone(audit);
    delete missing.labels.S3;
    expect(await verifyDrawRecord(missing)).toMatchObject({ ok: false, field: 'blinding', message: 'stratum S3 has no class in "labels"' });
    const extra = structuredClone(audit);
    extra.labels.S4 = 'B类';
    expect(await verifyDrawRecord(extra)).toMatchObject({ ok: false, field: 'blinding', message: expect.stringContaining('S4') as unknown });
    // A public record that carries only part of the auditors' fields is checked as one, and fails.
    expect(await fieldOf({ ...classes.revealed, labels: audit.labels })).toBe('blinding');
  });

  it('checks every blinded candidate of an auditors’ record against its keys', async () => {
    const audit = structuredClone(rich.audit) as Json;
    // A stratum whose candidates are complete but whose keys hide one object behind another's blinded id.
    audit.strata[0].keys[3] = '91320800MA1000003E';
    audit.strata[0].keys.sort(byBytes);
    expect(await verifyDrawRecord(audit)).toMatchObject({ ok: false, field: 'blinding', message: expect.stringContaining('blind(91320800MA1000003E)') as unknown });
    const fewer = structuredClone(rich.audit) as Json;
    fewer.strata[1].keys.pop();
    expect(await verifyDrawRecord(fewer)).toMatchObject({ ok: false, field: 'blinding', message: 'stratum S2 has 2 keys but 3 blinded candidates' });
  });

  it('checks 2,000 assignments that share a few candidate lists', async () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `K${String(i).padStart(5, '0')}`);
    const pool = Array.from({ length: 30 }, (_, i) => `user-${String(i).padStart(2, '0')}`);
    const built = buildV2({ ...VECTOR_2, strata: [{ label: 'S1', keys, k: 2000 }], pool, exclusions: (key) => [{ inspector: pool[Number(key.slice(1)) % 3]!, rule: 'conflict' }] });
    expect(await fieldOf(built.revealed)).toBe('valid');
    const tampered = structuredClone(built.revealed) as Json;
    tampered.assignments[1999].selected.reverse();
    expect(await fieldOf(tampered)).toBe('assignment');
  });

  it('agrees with the reference construction on random draws (property)', async () => {
    const key = fc.stringMatching(/^[0-9A-Z]{1,18}$/);
    const input = fc.record({
      classes: fc.uniqueArray(fc.uniqueArray(key, { maxLength: 12 }), { minLength: 1, maxLength: 4, selector: (keys) => keys.join() }),
      pool: fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 6 }),
      perTask: fc.integer({ min: 0, max: 4 }),
      witness: fc.string(),
      secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      blindSecret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      ratio: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        // Keys unique across the whole draw.
        const seen = new Set<string>();
        const strata = i.classes.map((keys, c) => {
          const own = keys.filter((k) => !seen.has(k) && seen.add(k));
          return { className: `类${c}`, keys: own, k: Math.floor(own.length * i.ratio) };
        });
        const built = buildV2({ secret: Buffer.from(i.secret), blindSecret: Buffer.from(i.blindSecret), witnessInput: i.witness, strata, pool: i.pool, perTask: i.perTask, exclusions: (k) => (i.pool.length > 0 && k.length % 2 === 0 ? [{ inspector: i.pool[0]!, rule: 'region' }] : []) });
        expect(await fieldOf(built.revealed, built.commitStatement)).toBe('valid');
        expect(await fieldOf(built.audit, built.commitStatement)).toBe('valid');
        expect(await fieldOf(built.committed, built.commitStatement)).toBe('valid');
        expect(await fieldOf({ ...built.revealed, witnessInput: `${i.witness}!` })).toBe('seed');
      }),
      { numRuns: 60 },
    );
  });
});

describe('the commit statement', () => {
  const values = {
    id: '0193a5f0-7c4e-7000-8000-00000000d2a1',
    commitment: 'a'.repeat(64),
    candidatesHash: 'b'.repeat(64),
    inspectorPoolHash: 'c'.repeat(64),
    inspectorsPerTask: 2,
    committedAt: '2026-12-05T08:00:00.000Z',
  };
  const line = `zhijian-draw/2 commit id=${values.id} commitment=${'a'.repeat(64)} candidatesHash=${'b'.repeat(64)} inspectorPoolHash=${'c'.repeat(64)} inspectorsPerTask=2 committedAt=2026-12-05T08:00:00.000Z`;

  it('is one line, and reads back', () => {
    expect(commitStatementOf(values)).toBe(line);
    expect(commitStatementOf({ ...values, committedAt: new Date('2026-12-05T16:00:00+08:00') })).toBe(line);
    expect(parseCommitStatement(line)).toEqual(values);
    expect(parseCommitStatement(`\n\t ${line.replaceAll(' ', ' \n  ')}\r\n`)).toEqual(values);
    // Hex typed in upper case reads as the same value.
    expect(parseCommitStatement(line.replace('a'.repeat(64), 'A'.repeat(64))).commitment).toBe('a'.repeat(64));
  });

  it('refuses malformed statements with a clear message', () => {
    expect(() => parseCommitStatement('')).toThrow(/starts with "zhijian-draw\/2 commit"/);
    expect(() => parseCommitStatement(line.replace('zhijian-draw/2', 'zhijian-draw/1'))).toThrow(/starts with/);
    expect(() => parseCommitStatement(line.replace(/ inspectorPoolHash=\S+/, ''))).toThrow('inspectorPoolHash missing');
    expect(() => parseCommitStatement(`${line} id=x`)).toThrow('id is given twice');
    expect(() => parseCommitStatement(`${line} witness=x`)).toThrow(/unexpected part witness=x/);
    expect(() => parseCommitStatement(line.replace('a'.repeat(64), 'a'.repeat(63)))).toThrow('commitment is not 64 hex digits');
    expect(() => parseCommitStatement(line.replace('inspectorsPerTask=2', 'inspectorsPerTask=two'))).toThrow(/inspectorsPerTask/);
    expect(() => parseCommitStatement(line.replace('2026-12-05T08:00:00.000Z', '2026-12-05 08:00'))).toThrow(/committedAt/);
    expect(() => commitStatementOf({ ...values, commitment: 'x' })).toThrow(/commitment/);
  });

  it('is checked last against the record', async () => {
    const built = buildV2({ ...VECTOR_2, id: values.id, committedAt: values.committedAt });
    expect(await fieldOf(built.revealed, built.commitStatement)).toBe('valid');
    expect(await fieldOf(built.revealed, '   ')).toBe('valid'); // blank: no statement given
    const other = built.commitStatement.replace(/inspectorsPerTask=2/, 'inspectorsPerTask=1');
    expect(await verifyDrawRecord(built.revealed, { statement: other })).toEqual({ ok: false, field: 'commit statement', message: 'inspectorsPerTask: the record says 2, the commit statement says 1' });
    expect(await verifyDrawRecord(built.revealed, { statement: 'hello' })).toMatchObject({ ok: false, field: 'commit statement', message: expect.stringMatching(/^the commit statement is malformed: /) as unknown });
    // A tampered record with a wrong statement: the record's own mismatch comes first.
    expect(await fieldOf({ ...built.revealed, seed: '0'.repeat(64) }, other)).toBe('seed');
    // Without id and commit time in the record, the hashes are still compared.
    const bare = { ...built.revealed } as Json;
    delete bare.id;
    delete bare.committedAt;
    expect(await fieldOf(bare, built.commitStatement.replace(`id=${values.id}`, 'id=else'))).toBe('valid');
  });
});

describe('docs/DRAW.md', () => {
  const python = ['python3', 'python'].find((cmd) => spawnSync(cmd, ['--version']).status === 0);
  it.skipIf(!python)('has a Python reimplementation that reproduces both test vectors', () => {
    const doc = fs.readFileSync(new URL('../../docs/DRAW.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    const out = spawnSync(python!, ['-'], { input: blocks.join('\n'), encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.split('\n')).toEqual([
      'seed 7709f630dc204a4037ce6b209308a6157e65de18c19236724241ea010abb5fbd',
      'candidate hash 845aeedc05490ee21a690c82309b23230f5eba4bd6dea1ed7fe5f43ae8c1edff',
      'pool hash 51e81da11b468d9cc8b5b9796fa783101dcbdbd59ec76bc9357c5db16bbf6881',
      "S1 31be03a290b742763153064527ca9638312b38b43ad464f5dbfe3ee768492916 91320800MA1000000A ['u1', 'u3']",
      "S1 b0acc7c203d346f9b1040456d5b54d3a8defe7f5ff951ee95e93f376d125ca3b 91320800MA1000001B ['u1', 'u3']",
      "S2 7a5cded279d0c235cd7a8242774314ce6dbf5c5d5aa9308336954bba2624b58f 91320826MA2000001Y ['u3', 'u1']",
      'e95539fd2dc95935fbec61449d9d814b13330d3586f75a24ce3e329866df8fd0',
      "['91320800MA1000000A', '91320800MA1000003D'] ['91320826MA2000000X', '91320826MA2000001Y']",
      "['u1', 'u2']",
      '',
    ]);
  });
});
