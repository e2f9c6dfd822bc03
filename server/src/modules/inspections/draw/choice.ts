import { commitStatementOf } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import { newSecret } from './algorithm.js';
import { BLINDED_VERSION, assignBlindedInspectors, commitBlindedDraw, revealBlindedDraw } from './blinded.js';
import { idsOf } from './blinding.js';

/**
 * A choice on the draw engine (`zhijian-draw/2`) for another module: `k` of some keys (producers'
 * USCCs, institutions' ids) chosen verifiably, with no inspectors to assign. The record has the
 * public record's form (docs/DRAW.md) with an empty inspector pool, so the site's verifier and
 * `npx zhijian draw verify` check it as they check a plan's draw. The caller keeps the secrets
 * and the stored commitment, and serves the record.
 */
export interface ChoiceStratum {
  /** A name of the caller's (e.g. `生产企业`); the record shows only its neutral label. */
  className: string;
  keys: readonly string[];
  k: number;
}

/** What the reveal needs, as JSON (the caller stores it beside the secrets). */
export interface StoredChoice {
  strata: { name: string; className: string; k: number; keys: string[]; candidates: string[] }[];
  candidatesHash: string;
  commitment: string;
  inspectorPoolHash: string;
  commitStatement: string;
}

/** The public record (docs/DRAW.md § Records) of a choice: committed, or revealed with the selection and its openings. */
export interface ChoiceRecord {
  version: typeof BLINDED_VERSION;
  status: 'committed' | 'revealed';
  commitment: string;
  candidatesHash: string;
  inspectorPoolHash: string;
  inspectorsPerTask: number;
  commitStatement: string;
  committedAt: string;
  strata: { name: string; n: number; k: number; candidates: string[]; selected?: string[] }[];
  inspectorPool: string[];
  secret?: string;
  witnessInput?: string;
  seed?: string;
  revealedAt?: string;
  openings?: { blindedId: string; key: string; nonce: string }[];
  assignments?: { objectKey: string; candidates: string[]; excluded: never[]; selected: string[] }[];
}

// The engine assigns at least one inspector per task; a choice's pool is empty, so none is assigned.
const PER_TASK = 1;

/** Commits a choice: the secrets (keep them), what the reveal replays, and the committed public record. */
export async function commitChoice(input: { id: string; committedAt: Date; strata: readonly ChoiceStratum[] }) {
  const secret = newSecret();
  const blindSecret = newSecret();
  const committed = await commitBlindedDraw({ strata: input.strata, secret, blindSecret, pool: [], inspectorsPerTask: PER_TASK });
  const commitStatement = commitStatementOf({
    id: input.id,
    commitment: committed.commitment,
    candidatesHash: committed.candidatesHash,
    inspectorPoolHash: committed.inspectorPoolHash,
    inspectorsPerTask: PER_TASK,
    committedAt: input.committedAt.toISOString(),
  });
  const stored: StoredChoice = {
    strata: committed.strata.map((s) => ({ name: s.name, className: s.className, k: s.k, keys: s.keys, candidates: idsOf(s.lines) })),
    candidatesHash: committed.candidatesHash,
    commitment: committed.commitment,
    inspectorPoolHash: committed.inspectorPoolHash,
    commitStatement,
  };
  const record: ChoiceRecord = {
    version: BLINDED_VERSION,
    status: 'committed',
    commitment: stored.commitment,
    candidatesHash: stored.candidatesHash,
    inspectorPoolHash: stored.inspectorPoolHash,
    inspectorsPerTask: PER_TASK,
    commitStatement,
    committedAt: input.committedAt.toISOString(),
    strata: stored.strata.map((s) => ({ name: s.name, n: s.candidates.length, k: s.k, candidates: s.candidates })),
    inspectorPool: [],
  };
  return { secret, blindSecret, stored, record };
}

/**
 * Reveals a committed choice with the witnesses' input: the revealed public record, and the chosen
 * keys per stratum (by the caller's class name) in draw order.
 */
export async function revealChoice(stored: StoredChoice, committedRecord: ChoiceRecord, secrets: { secret: Buffer; blindSecret: Buffer }, witnessInput: string, revealedAt: Date) {
  const committed = { strata: stored.strata, candidatesHash: stored.candidatesHash, commitment: stored.commitment, inspectorPool: [], inspectorPoolHash: stored.inspectorPoolHash, inspectorsPerTask: PER_TASK };
  const revealed = await revealBlindedDraw(committed, secrets, witnessInput);
  const assignments = assignBlindedInspectors(revealed, () => ({ eligible: [], excluded: [] })).map((a) => ({ objectKey: a.objectKey, candidates: a.candidates, excluded: [] as never[], selected: a.selected }));
  const selectedOf = new Map(revealed.strata.map((s) => [s.name, s.selected]));
  const keyOf = new Map(revealed.openings.map((o) => [o.blindedId, o.key]));
  const record: ChoiceRecord = {
    ...committedRecord,
    status: 'revealed',
    secret: revealed.secret,
    witnessInput: revealed.witnessInput,
    seed: revealed.seed,
    revealedAt: revealedAt.toISOString(),
    strata: committedRecord.strata.map((s) => ({ ...s, selected: selectedOf.get(s.name) ?? [] })),
    openings: revealed.openings,
    assignments,
  };
  const chosen = stored.strata.map((s) => ({ className: s.className, keys: (selectedOf.get(s.name) ?? []).map((id) => keyOf.get(id)!) }));
  return { record, chosen };
}
