/**
 * The fixture records of packages/draw-verify/fixtures/: valid `/1` and `/2` records (public,
 * auditors', revealed, committed, cancelled) and tampered ones, each with the answer every
 * verifier must give (`valid` or the first mismatch's field). The same files are checked by the
 * package's tests, the repository CLI and, in chromium, the verifier the site serves.
 *
 * Regenerate them with `npx tsx packages/draw-verify/fixtures.ts` (the tests fail when the files
 * and this list disagree).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VECTOR_1, VECTOR_2, blindOf, buildV1, buildV2, byBytes, linesHash, nonceOf, type Exclusion, type V2Input } from './reference.js';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface FixtureCase {
  /** What the case is about. */
  name: string;
  /** File name in fixtures/. */
  file: string;
  record: unknown;
  statement?: string;
  /** `valid`, or the field of the first mismatch. */
  expect: string;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const flipLast = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
const candidatesHashOf = (strata: { name: string; candidates: string[] }[]) => linesHash(strata.map((s) => ({ header: `# ${s.name}`, lines: s.candidates })));

/** A richer `/2` draw than the test vector: classes ordered by the blind secret (one empty, left out), exclusions with evidence, an NFD witness input. */
export const RICH: V2Input = {
  id: '0193a5f0-7c4e-7000-8000-00000000d2a1',
  committedAt: '2026-12-05T08:00:00.000Z',
  secret: Buffer.alloc(32, 0x5a),
  blindSecret: Buffer.alloc(32, 0xa5),
  // "Café" with a combining accent: the seed uses the NFC form.
  witnessInput: 'Cafe\u0301 见证 0417',
  strata: [
    { className: 'A类', keys: ['91320800MA1000000A', '91320800MA1000001B', '91320800MA1000002C', '91320800MA1000003D', '91320800MA1000004E', '91320800MA1000005F'], k: 2 },
    { className: 'B类', keys: ['91320811MA3000000K', '91320811MA3000001L', '91320811MA3000002M', '91320811MA3000003N'], k: 1 },
    { className: 'C类', keys: [], k: 0 },
    { className: 'D类', keys: ['91320826MA2000000X', '91320826MA2000001Y', '91320826MA2000002Y'], k: 3 },
  ],
  pool: ['u05', 'u01', 'u03', 'u02', 'u04'],
  perTask: 2,
  exclusions: (key: string): Exclusion[] => {
    const code = key.charCodeAt(key.length - 1);
    const out: Exclusion[] = [{ inspector: 'u04', rule: 'inactive', evidence: { accountActive: true, activePeriods: [{ from: '2026-01-01', to: '2026-06-30' }], on: '2026-12-05' } }];
    if (code % 2 === 0) out.push({ inspector: 'u02', rule: 'conflict', evidence: { declared: key } });
    if (code % 3 === 0) out.push({ inspector: 'u05', rule: 'region', evidence: { inspectorRegion: '320826', objectRegion: '320803' } });
    if (key.endsWith('Y')) out.push({ inspector: 'u01', rule: 'last_time', evidence: { taskId: '0193a5f0-0000-7000-8000-0000000000aa' } });
    return out;
  },
};

/** Every fixture case. */
export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const add = (name: string, file: string, record: unknown, expect: string, statement?: string) => cases.push({ name, file, record, expect, ...(statement === undefined ? {} : { statement }) });
  /** A tampered copy of `base`, changed by `change`. */
  const tamper = <T>(base: T, change: (r: Json) => void): Json => {
    const r = clone(base) as Json;
    change(r);
    return r;
  };

  // ---- zhijian-draw/1 -------------------------------------------------------------------------
  const v1 = buildV1(VECTOR_1) as Json;
  v1.assignments[0].excluded = [{ inspector: 'u4', rule: 'conflict' }];
  add('/1: the test vector of docs/DRAW.md', 'v1-valid.json', v1, 'valid');
  const v1Committed = { version: v1.version, status: 'committed', candidatesHash: v1.candidatesHash, commitment: v1.commitment, strata: v1.strata.map((s: Json) => ({ name: s.name, candidates: s.candidates, k: s.k })) };
  add('/1: committed, not revealed', 'v1-committed.json', v1Committed, 'valid');
  add('/1: unknown version', 'v1-version.json', tamper(v1, (r) => (r.version = 'zhijian-draw/0')), 'version');
  add('/1: another secret', 'v1-commitment.json', tamper(v1, (r) => (r.secret = flipLast(r.secret))), 'commitment');
  add('/1: another witness input', 'v1-seed.json', tamper(v1, (r) => (r.witnessInput = '2026-11-29 淮安')), 'seed');
  add('/1: a candidate removed', 'v1-candidate-hash.json', tamper(v1, (r) => r.strata[0].candidates.splice(1, 1)), 'candidate hash');
  add(
    '/1: candidates out of order (hash redone)',
    'v1-unsorted-candidates.json',
    tamper(v1, (r) => {
      r.strata[0].candidates.reverse();
      r.candidatesHash = candidatesHashOf(r.strata);
    }),
    'unsorted candidates',
  );
  add('/1: another selection', 'v1-selection.json', tamper(v1, (r) => r.strata[1].selected.reverse()), 'selection');
  add('/1: other inspectors', 'v1-assignment.json', tamper(v1, (r) => r.assignments[0].selected.reverse()), 'assignment');
  add('/1: an inspector both excluded and a candidate', 'v1-assignment-excluded.json', tamper(v1, (r) => r.assignments[1].excluded.push({ inspector: r.assignments[1].candidates[0], rule: 'conflict' })), 'assignment');
  add('/1: an assignment for an object not drawn', 'v1-assignment-not-drawn.json', tamper(v1, (r) => (r.assignments[0].objectKey = '91320800MA1000001B')), 'assignment');
  add('/1: an assignment’s inspectors out of order', 'v1-assignment-unsorted.json', tamper(v1, (r) => r.assignments[2].candidates.reverse()), 'unsorted candidates');
  add(
    '/1: two changes, the first one reported',
    'v1-two-changes.json',
    tamper(v1, (r) => {
      r.witnessInput = 'x';
      r.strata[0].selected.reverse();
    }),
    'seed',
  );

  // ---- zhijian-draw/2: the test vector ---------------------------------------------------------
  const vector = buildV2({ ...VECTOR_2, id: 'vector', committedAt: '2026-12-05T08:00:00.000Z' });
  add('/2: the test vector, revealed, with its commit statement', 'v2-vector-revealed.json', vector.revealed, 'valid', vector.commitStatement);
  add('/2: the test vector, committed, with its commit statement', 'v2-vector-committed.json', vector.committed, 'valid', vector.commitStatement);

  // ---- zhijian-draw/2: a richer draw ----------------------------------------------------------
  const rich = buildV2(RICH);
  const statement = rich.commitStatement;
  const revealed = rich.revealed as Json;
  add('/2: public record, revealed', 'v2-revealed.json', revealed, 'valid');
  add('/2: public record, revealed, with its commit statement', 'v2-revealed.json', revealed, 'valid', statement);
  add('/2: the commit statement spread over lines', 'v2-revealed.json', revealed, 'valid', `\n  ${statement.split(' ').join('\n   ')}  \n`);
  add('/2: auditors’ record, revealed', 'v2-audit.json', rich.audit, 'valid', statement);
  add('/2: public record, committed', 'v2-committed.json', rich.committed, 'valid', statement);
  add('/2: auditors’ record, committed', 'v2-audit-committed.json', rich.auditCommitted, 'valid', statement);
  const cancelled = { ...rich.committed, status: 'cancelled', cancelledAt: '2026-12-05T08:30:00.000Z', cancelReason: '计划有误' };
  add('/2: cancelled', 'v2-cancelled.json', cancelled, 'valid', statement);

  add('/2: unknown version', 'v2-version.json', tamper(revealed, (r) => (r.version = 'zhijian-draw/3')), 'version');
  add('/2: another secret', 'v2-commitment.json', tamper(revealed, (r) => (r.secret = flipLast(r.secret))), 'commitment');
  add('/2: revealed without its secret', 'v2-no-secret.json', tamper(revealed, (r) => delete r.secret), 'commitment');
  add('/2: another witness input', 'v2-seed.json', tamper(revealed, (r) => (r.witnessInput = 'Café 见证 0418')), 'seed');
  add('/2: a blinded candidate removed', 'v2-candidate-hash.json', tamper(revealed, (r) => r.strata[0].candidates.splice(0, 1)), 'candidate hash');
  add(
    '/2: blinded candidates out of order (hash redone)',
    'v2-candidates-unsorted.json',
    tamper(revealed, (r) => {
      r.strata[1].candidates.reverse();
      r.candidatesHash = candidatesHashOf(r.strata);
    }),
    'candidates',
  );
  add(
    '/2: a blinded id in upper case (hash redone)',
    'v2-candidates-hex.json',
    tamper(revealed, (r) => {
      r.strata[0].candidates[0] = r.strata[0].candidates[0].toUpperCase();
      r.candidatesHash = candidatesHashOf(r.strata);
    }),
    'candidates',
  );
  add('/2: n not the number of candidates', 'v2-candidates-n.json', tamper(revealed, (r) => (r.strata[0].n += 1)), 'candidates');
  add('/2: another selection', 'v2-selection.json', tamper(revealed, (r) => r.strata.find((s: Json) => s.k > 1).selected.reverse()), 'selection');
  add('/2: an opening with another nonce', 'v2-openings-nonce.json', tamper(revealed, (r) => (r.openings[1].nonce = flipLast(r.openings[1].nonce))), 'openings');
  add('/2: an opening with another key', 'v2-openings-key.json', tamper(revealed, (r) => (r.openings[0].key = '91320800MA1000009Z')), 'openings');
  add('/2: a selected id not opened', 'v2-openings-missing.json', tamper(revealed, (r) => r.openings.pop()), 'openings');
  add(
    '/2: an unselected candidate opened',
    'v2-openings-unselected.json',
    tamper(revealed, (r) => {
      const keys = (RICH.strata[0] as { keys: string[] }).keys;
      const selected = new Set(r.openings.map((o: Json) => o.key));
      const key = keys.find((k) => !selected.has(k))!;
      r.openings.push({ blindedId: blindOf(RICH.blindSecret, key), key, nonce: nonceOf(RICH.blindSecret, key).toString('hex') });
    }),
    'openings',
  );
  add('/2: openings out of order', 'v2-openings-order.json', tamper(revealed, (r) => ([r.openings[0], r.openings[1]] = [r.openings[1], r.openings[0]])), 'openings');
  add('/2: one key opened twice', 'v2-openings-twice.json', tamper(revealed, (r) => (r.openings[1].key = r.openings[0].key)), 'openings');
  add(
    '/2: the inspector pool out of order (hash redone)',
    'v2-pool-unsorted.json',
    tamper(revealed, (r) => {
      r.inspectorPool.reverse();
      r.inspectorPoolHash = linesHash([{ lines: r.inspectorPool }]);
    }),
    'inspector pool',
  );
  add('/2: an inspector removed from the pool', 'v2-pool-hash.json', tamper(revealed, (r) => r.inspectorPool.splice(2, 1)), 'inspector pool');
  add('/2: other inspectors selected', 'v2-assignment.json', tamper(revealed, (r) => r.assignments.find((a: Json) => a.selected.length > 1).selected.reverse()), 'assignment');
  add(
    '/2: a pool member neither a candidate nor excluded',
    'v2-assignment-missing-member.json',
    tamper(revealed, (r) => {
      const a = r.assignments[0];
      a.candidates = a.candidates.filter((id: string) => !a.selected.includes(id));
      a.selected = [];
    }),
    'assignment',
  );
  add('/2: an inspector both excluded and a candidate', 'v2-assignment-both.json', tamper(revealed, (r) => r.assignments[0].excluded.push({ inspector: r.assignments[0].candidates[0], rule: 'conflict' })), 'assignment');
  add('/2: an inspector excluded twice', 'v2-assignment-excluded-twice.json', tamper(revealed, (r) => r.assignments[0].excluded.push({ ...r.assignments[0].excluded[0] })), 'assignment');
  add('/2: assignments out of order', 'v2-assignment-order.json', tamper(revealed, (r) => ([r.assignments[0], r.assignments[1]] = [r.assignments[1], r.assignments[0]])), 'assignment');
  add('/2: a selected object without an assignment', 'v2-assignment-missing.json', tamper(revealed, (r) => r.assignments.pop()), 'assignment');
  add('/2: inspectorsPerTask changed', 'v2-assignment-per-task.json', tamper(revealed, (r) => (r.inspectorsPerTask = 3)), 'assignment');
  add(
    '/2: two changes, the first one reported',
    'v2-two-changes.json',
    tamper(revealed, (r) => {
      r.witnessInput = '';
      r.inspectorPool.reverse();
    }),
    'seed',
  );

  const audit = rich.audit as Json;
  add(
    '/2 auditors’: a key that does not blind to a candidate',
    'v2-audit-key.json',
    tamper(audit, (r) => {
      const s = r.strata.find((x: Json) => x.k < x.keys.length);
      const unselected = s.keys.findIndex((k: string) => !r.openings.some((o: Json) => o.key === k));
      s.keys[unselected] = '91320800MA1000099Q';
      s.keys.sort(byBytes);
    }),
    'blinding',
  );
  add(
    '/2 auditors’: labels swapped',
    'v2-audit-labels.json',
    tamper(audit, (r) => ([r.labels.S1, r.labels.S2] = [r.labels.S2, r.labels.S1])),
    'blinding',
  );
  add(
    '/2 auditors’: one key in two strata',
    'v2-audit-key-twice.json',
    tamper(audit, (r) => {
      r.strata[1].keys.push(r.strata[0].keys[0]);
      r.strata[1].keys.sort(byBytes);
    }),
    'blinding',
  );
  add('/2 auditors’: keys out of order', 'v2-audit-keys-unsorted.json', tamper(audit, (r) => r.strata[0].keys.reverse()), 'blinding');
  add('/2 auditors’: no blind secret', 'v2-audit-no-blind-secret.json', tamper(audit, (r) => delete r.blindSecret), 'blinding');
  add('/2 auditors’ committed: another blind secret', 'v2-audit-committed-blind-secret.json', tamper(rich.auditCommitted, (r) => (r.blindSecret = flipLast(r.blindSecret))), 'blinding');

  add('/2 committed: a blinded candidate removed', 'v2-committed-candidate-hash.json', tamper(rich.committed, (r) => r.strata[2].candidates.pop()), 'candidate hash');
  add(
    '/2 committed: candidates repeated (hash redone)',
    'v2-committed-candidates.json',
    tamper(rich.committed, (r) => {
      r.strata[0].candidates[1] = r.strata[0].candidates[0];
      r.candidatesHash = candidatesHashOf(r.strata);
    }),
    'candidates',
  );
  add('/2 committed: the pool hash changed', 'v2-committed-pool.json', tamper(rich.committed, (r) => (r.inspectorPoolHash = flipLast(r.inspectorPoolHash))), 'inspector pool');

  const otherStatement = (change: (v: Json) => void) => {
    const v: Json = { id: RICH.id, commitment: revealed.commitment, candidatesHash: revealed.candidatesHash, inspectorPoolHash: revealed.inspectorPoolHash, inspectorsPerTask: revealed.inspectorsPerTask, committedAt: RICH.committedAt };
    change(v);
    return `zhijian-draw/2 commit id=${v.id} commitment=${v.commitment} candidatesHash=${v.candidatesHash} inspectorPoolHash=${v.inspectorPoolHash} inspectorsPerTask=${v.inspectorsPerTask} committedAt=${v.committedAt}`;
  };
  add('/2: another commitment in the commit statement', 'v2-revealed.json', revealed, 'commit statement', otherStatement((v) => (v.commitment = flipLast(v.commitment))));
  add('/2: another candidate hash in the commit statement', 'v2-revealed.json', revealed, 'commit statement', otherStatement((v) => (v.candidatesHash = flipLast(v.candidatesHash))));
  add('/2 committed: another pool hash in the commit statement', 'v2-committed.json', rich.committed, 'commit statement', otherStatement((v) => (v.inspectorPoolHash = flipLast(v.inspectorPoolHash))));
  add('/2: other inspectors per task in the commit statement', 'v2-revealed.json', revealed, 'commit statement', otherStatement((v) => (v.inspectorsPerTask = 3)));
  add('/2: the commit statement of another draw', 'v2-revealed.json', revealed, 'commit statement', otherStatement((v) => (v.id = 'another-draw')));
  add('/2: another commit time in the commit statement', 'v2-revealed.json', revealed, 'commit statement', otherStatement((v) => (v.committedAt = '2026-12-05T08:00:01.000Z')));
  add('/2: a malformed commit statement', 'v2-revealed.json', revealed, 'commit statement', statement.replace(/ committedAt=\S+/, ''));
  // Rewritten after the ceremony with everything redone (another secret): valid on its own, but not what was witnessed.
  const rewritten = buildV2({ ...RICH, secret: Buffer.alloc(32, 0x33) });
  add('/2: rewritten after the commit, hashes redone', 'v2-rewritten.json', rewritten.revealed, 'valid');
  add('/2: rewritten after the commit, against the witnessed statement', 'v2-rewritten.json', rewritten.revealed, 'commit statement', statement);
  add('/1 with a /2 commit statement', 'v1-valid.json', v1, 'commit statement', statement);
  return cases;
}

/** The files of fixtures/ for the cases: each record once, and manifest.json. */
export function fixtureFiles(cases = fixtureCases()): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of cases) {
    const text = `${JSON.stringify(c.record, null, 2)}\n`;
    const before = files.get(c.file);
    if (before !== undefined && before !== text) throw new Error(`${c.file}: two cases give different records`);
    files.set(c.file, text);
  }
  const manifest = cases.map((c) => ({ name: c.name, file: c.file, ...(c.statement === undefined ? {} : { statement: c.statement }), expect: c.expect }));
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.rmSync(FIXTURES_DIR, { recursive: true, force: true });
  fs.mkdirSync(FIXTURES_DIR, { recursive: true });
  for (const [name, text] of fixtureFiles()) fs.writeFileSync(path.join(FIXTURES_DIR, name), text);
  console.log(`wrote ${fixtureFiles().size} files to ${FIXTURES_DIR}`);
}
