/**
 * An independent reference construction of draw records, for the tests and the fixtures only:
 * written with node:crypto straight from docs/DRAW.md, sharing no code with zhijian-verify.mjs
 * (nor with the server), so that the verifier is checked against the specification rather than
 * against itself.
 */
import { createHash, createHmac } from 'node:crypto';

const sha256 = (...parts: (Buffer | string)[]) => createHash('sha256').update(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)))).digest();
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
/** UTF-8 byte order. */
export const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** SHA-256(seed ‖ name ‖ uint32be(i)) blocks, eight big-endian words each. */
function stream(seed: Buffer, name: string) {
  let block = 0;
  let words: number[] = [];
  return () => {
    if (words.length === 0) {
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(block++);
      const digest = sha256(seed, name, counter);
      words = Array.from({ length: 8 }, (_, i) => digest.readUInt32BE(4 * i));
    }
    return words.shift()!;
  };
}

/** Partial Fisher–Yates with rejection sampling. */
export function select(seed: Buffer, name: string, sorted: readonly string[], k: number): string[] {
  const next = stream(seed, name);
  const items = [...sorted];
  for (let j = 0; j < k; j++) {
    const m = items.length - j;
    const limit = Math.floor(2 ** 32 / m) * m;
    let w = next();
    while (w >= limit) w = next();
    const r = j + (w % m);
    [items[j], items[r]] = [items[r]!, items[j]!];
  }
  return items.slice(0, k);
}

export const linesHash = (groups: { header?: string; lines: readonly string[] }[]) =>
  sha256(groups.map((g) => [...(g.header === undefined ? [] : [g.header]), ...g.lines].map((l) => `${l}\n`).join('')).join('')).toString('hex');

export const nonceOf = (blindSecret: Buffer, key: string) => hmac(blindSecret, key);
export const blindOf = (blindSecret: Buffer, key: string) => sha256(nonceOf(blindSecret, key), key).toString('hex');

export interface V1Input {
  secret: Buffer;
  witnessInput: string;
  strata: { name: string; candidates: string[]; k: number }[];
  inspectors: string[];
  perTask: number;
}

/** A revealed `zhijian-draw/1` record (every object gets the same inspectors as candidates). */
export function buildV1(input: V1Input) {
  const seed = sha256(input.secret, input.witnessInput);
  const strata = input.strata.map((s) => {
    const candidates = [...s.candidates].sort(byBytes);
    return { name: s.name, candidates, k: s.k, selected: select(seed, s.name, candidates, s.k) };
  });
  const eligible = [...input.inspectors].sort(byBytes);
  return {
    version: 'zhijian-draw/1',
    candidatesHash: linesHash(strata.map((s) => ({ header: `# ${s.name}`, lines: s.candidates }))),
    commitment: sha256(input.secret).toString('hex'),
    secret: input.secret.toString('hex'),
    witnessInput: input.witnessInput,
    seed: seed.toString('hex'),
    strata,
    assignments: strata.flatMap((s) =>
      s.selected.map((key) => ({ objectKey: key, candidates: eligible, excluded: [] as { inspector: string; rule: string }[], selected: select(seed, `inspectors/${key}`, eligible, Math.min(input.perTask, eligible.length)) })),
    ),
  };
}

export interface Exclusion {
  inspector: string;
  rule: string;
  evidence?: Record<string, unknown>;
}

export interface V2Input {
  id?: string;
  committedAt?: string;
  secret: Buffer;
  blindSecret: Buffer;
  witnessInput: string;
  /**
   * Either already labelled strata (`label`, as in the test vector), or strata by class
   * (`className`), which are then ordered by HMAC(blindSecret, class) and labelled S1, S2, … —
   * empty ones left out.
   */
  strata: ({ label: string; keys: string[]; k: number } | { className: string; keys: string[]; k: number })[];
  pool: string[];
  perTask: number;
  exclusions?: (key: string) => Exclusion[];
}

/** The records of one `zhijian-draw/2` draw: public (revealed and committed) and the auditors' (revealed and committed). */
export function buildV2(input: V2Input) {
  const { secret, blindSecret } = input;
  const byClass = input.strata.some((s) => 'className' in s);
  const withClass = input.strata.filter((s): s is { className: string; keys: string[]; k: number } => 'className' in s && s.keys.length > 0);
  const labelled =
    byClass
      ? withClass
          .map((s) => ({ ...s, order: hmac(blindSecret, s.className).toString('hex') }))
          .sort((a, b) => (a.order < b.order ? -1 : 1))
          .map((s, i) => ({ label: `S${i + 1}`, className: s.className as string | undefined, keys: s.keys, k: s.k }))
      : input.strata.map((s) => ({ label: (s as { label: string }).label, className: undefined as string | undefined, keys: s.keys, k: s.k }));
  const seed = sha256(secret, input.witnessInput.normalize('NFC'));
  const keyOf = new Map<string, string>();
  const strata = labelled.map((s) => {
    const candidates = s.keys.map((key) => {
      const id = blindOf(blindSecret, key);
      keyOf.set(id, key);
      return id;
    });
    candidates.sort(byBytes);
    return { label: s.label, className: s.className, keys: [...s.keys].sort(byBytes), candidates, k: s.k, selected: select(seed, s.label, candidates, s.k) };
  });
  const candidatesHash = linesHash(strata.map((s) => ({ header: `# ${s.label}`, lines: s.candidates })));
  const pool = [...new Set(input.pool)].sort(byBytes);
  const inspectorPoolHash = linesHash([{ lines: pool }]);
  const commitment = sha256(secret).toString('hex');
  const openings = strata.flatMap((s) => s.selected.map((id) => ({ blindedId: id, key: keyOf.get(id)!, nonce: nonceOf(blindSecret, keyOf.get(id)!).toString('hex') })));
  const exclusionsOf = input.exclusions ?? (() => []);
  const assignments = openings.map(({ key }) => {
    const excluded = exclusionsOf(key);
    const out = new Set(excluded.map((x) => x.inspector));
    const candidates = pool.filter((id) => !out.has(id));
    return { objectKey: key, candidates, excluded, selected: select(seed, `inspectors/${key}`, candidates, Math.min(input.perTask, candidates.length)) };
  });
  const id = input.id ?? 'draw-1';
  const committedAt = input.committedAt ?? '2026-12-05T08:00:00.000Z';
  const commitStatement = `zhijian-draw/2 commit id=${id} commitment=${commitment} candidatesHash=${candidatesHash} inspectorPoolHash=${inspectorPoolHash} inspectorsPerTask=${input.perTask} committedAt=${committedAt}`;
  const head = { id, planName: '2026 年抽查', bureauName: '淮安市市场监督管理局', itemName: '产品质量', committedAt, cancelledAt: null, cancelReason: null, version: 'zhijian-draw/2', commitment, candidatesHash, inspectorPoolHash, inspectorsPerTask: input.perTask, commitStatement };
  const inspectors = pool.map((u, i) => ({ id: u, name: `检查员${i + 1}`, certificateNo: `苏执${1000 + i}` }));
  const objects = openings.map((o, i) => ({ key: o.key, name: `企业${i + 1}` }));
  const publicAssignments = assignments.map((a) => ({ ...a, excluded: a.excluded.map(({ inspector, rule }) => ({ inspector, rule })) }));

  const revealed = {
    ...head,
    status: 'revealed',
    revealedAt: '2026-12-05T09:00:00.000Z',
    strata: strata.map((s) => ({ name: s.label, n: s.candidates.length, k: s.k, candidates: s.candidates, selected: s.selected })),
    inspectorPool: pool,
    inspectors,
    secret: secret.toString('hex'),
    witnessInput: input.witnessInput,
    seed: seed.toString('hex'),
    openings,
    assignments: publicAssignments,
    objects,
  };
  const committed = {
    ...head,
    status: 'committed',
    revealedAt: null,
    strata: strata.map((s) => ({ name: s.label, n: s.candidates.length, k: s.k, candidates: s.candidates })),
    inspectorPool: pool,
    inspectors,
  };
  const auditExtras = {
    blindSecret: blindSecret.toString('hex'),
    labels: Object.fromEntries(strata.map((s) => [s.label, s.className ?? s.label])),
  };
  const audit = { ...revealed, ...auditExtras, strata: strata.map((s) => ({ name: s.label, n: s.candidates.length, k: s.k, candidates: s.candidates, keys: s.keys, selected: s.selected })), assignments };
  const auditCommitted = { ...committed, ...auditExtras, strata: strata.map((s) => ({ name: s.label, n: s.candidates.length, k: s.k, candidates: s.candidates, keys: s.keys })) };
  return { revealed, committed, audit, auditCommitted, commitStatement, seed: seed.toString('hex'), candidatesHash, inspectorPoolHash };
}

/** The test vector of issue 13 / docs/DRAW.md. */
export const VECTOR_2: V2Input = {
  secret: Buffer.from(Array.from({ length: 32 }, (_, i) => i)),
  blindSecret: Buffer.from(Array.from({ length: 32 }, (_, i) => 32 + i)),
  witnessInput: '2026-12-05 淮安',
  strata: [
    { label: 'S1', keys: ['91320800MA1000000A', '91320800MA1000001B', '91320800MA1000002C', '91320800MA1000003D'], k: 2 },
    { label: 'S2', keys: ['91320826MA2000000X', '91320826MA2000001Y', '91320826MA2000002Y'], k: 1 },
  ],
  pool: ['u1', 'u2', 'u3'],
  perTask: 2,
};

/** The test vector of `zhijian-draw/1` (docs/DRAW.md). */
export const VECTOR_1: V1Input = {
  secret: Buffer.from(Array.from({ length: 32 }, (_, i) => i)),
  witnessInput: '2026-11-28 淮安',
  strata: [
    { name: 'A', candidates: ['91320800MA1000000A', '91320800MA1000001B', '91320800MA1000002C', '91320800MA1000003D'], k: 2 },
    { name: 'D', candidates: ['91320826MA2000000X', '91320826MA2000001Y'], k: 2 },
  ],
  inspectors: ['u1', 'u2', 'u3'],
  perTask: 2,
};
