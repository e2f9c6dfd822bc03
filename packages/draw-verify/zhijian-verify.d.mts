/** Types of zhijian-verify.mjs, the verifier of Zhijian draw records (docs/DRAW.md). */

/** The checks, by the name a mismatch reports, in the order they run. */
export type MismatchField =
  | 'version'
  | 'commitment'
  | 'seed'
  | 'candidate hash'
  /** zhijian-draw/1 only */
  | 'unsorted candidates'
  /** zhijian-draw/2 */
  | 'candidates'
  | 'selection'
  | 'openings'
  | 'inspector pool'
  | 'assignment'
  | 'blinding'
  | 'commit statement';

export type VerifyResult =
  | {
      ok: true;
      version: string;
      /** 'committed' for a record published before the reveal or of a cancelled draw (no secret). */
      status: 'revealed' | 'committed';
      /** Whether it was an auditors' record (blind secret, labels and keys), whose blinding was checked too. */
      audit: boolean;
      /** The checks that ran, in order (field names). */
      checks: string[];
    }
  | {
      ok: false;
      /** The first check that failed (a MismatchField). */
      field: string;
      /** What is wrong, in English. */
      message: string;
    };

export interface CommitStatement {
  id: string;
  commitment: string;
  candidatesHash: string;
  inspectorPoolHash: string;
  inspectorsPerTask: number;
  /** ISO 8601 in UTC with milliseconds. */
  committedAt: string;
}

/**
 * Replays a parsed draw record (`zhijian-draw/1` or `/2`; public or auditors'; revealed or only
 * committed) and answers ok or the first mismatch. With `statement`, the record is also checked
 * against that commit statement, last.
 */
export function verifyDrawRecord(record: unknown, options?: { statement?: string }): Promise<VerifyResult>;

/** The one-line commit statement: `zhijian-draw/2 commit id=… commitment=… candidatesHash=… inspectorPoolHash=… inspectorsPerTask=… committedAt=…`. */
export function commitStatementOf(v: { id: string; commitment: string; candidatesHash: string; inspectorPoolHash: string; inspectorsPerTask: number; committedAt: string | Date }): string;

/** Reads a commit statement; throws an Error saying what is wrong when it is malformed. */
export function parseCommitStatement(text: string): CommitStatement;

/** The command line: `node zhijian-verify.mjs <record.json | URL> [statement | statement file]`; answers the exit code (0 valid, 1 mismatch, 2 usage or read error). */
export function main(argv: string[]): Promise<number>;
