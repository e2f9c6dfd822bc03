/**
 * The commitments module's public API (质量安全公开承诺): the only file other modules import from
 * it. `commitments` is exported for reading in SQL joins (the enterprise's public record);
 * `PUBLIC_COMMITMENTS_OF_E` is the public lookup's part of one enterprise's record.
 */
export { COMMITMENT_KINDS, type CommitmentKind, commitments } from './commitments.schema.js';
export type { CommitmentsService } from './commitments.service.js';
export { PUBLIC_COMMITMENTS_OF_E, type PublicCommitment } from './public-reads.js';
export { CREDIT_EVENTS_COMMITMENTS } from './credit-events.js';
