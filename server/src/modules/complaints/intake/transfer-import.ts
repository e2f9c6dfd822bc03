import type { ComplaintsDeps } from '../complaints.deps.js';
import type { IntakeService } from './intake.service.js';

/** Stub: the import of a day's 12315 transfer list (see ../README.md). */
export function makeTransferImport(deps: ComplaintsDeps & { intake: IntakeService }) {
  void deps;
  return {};
}
