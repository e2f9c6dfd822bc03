/**
 * The shapes of a draw record. Records are verified by the standalone verifier
 * packages/draw-verify/zhijian-verify.mjs (`verifyDrawRecord`), the same code the site serves
 * for download and runs in the browser.
 */

export interface DrawStratum {
  name: string;
  candidates: string[];
  k: number;
  /** In draw order. */
  selected: string[];
}

export interface Assignment {
  objectKey: string;
  /** Eligible inspectors' user ids after the exclusion rules, sorted by UTF-8 bytes. */
  candidates: string[];
  excluded: { inspector: string; rule: string }[];
  selected: string[];
}

/** The replayable core of a revealed draw's record: version, hashes, secret, witness input, seed, strata and assignments. */
export interface DrawRecord {
  version: string;
  candidatesHash: string;
  commitment: string;
  secret: string;
  witnessInput: string;
  seed: string;
  strata: DrawStratum[];
  assignments: Assignment[];
}
