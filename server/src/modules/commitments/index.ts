/**
 * The commitments module's public API (质量安全公开承诺): the only file other modules import from
 * it. `commitments` is exported for reading in SQL joins (the enterprise's public record).
 */
export { COMMITMENT_KINDS, type CommitmentKind, commitments } from './commitments.schema.js';
