import type { creditEvaluators } from '../credit.schema.js';

type Evaluator = Pick<typeof creditEvaluators.$inferSelect, 'active' | 'validUntil'>;

/**
 * Why an evaluator may not enter ratings on `day` (README.md § Qualified): inactive, or its
 * accreditation's validity not recorded or ended before that day. Empty: it may.
 */
export function qualificationProblems(e: Evaluator, day: string): string[] {
  const problems: string[] = [];
  if (!e.active) problems.push('本机构已停用');
  if (e.validUntil === null) problems.push('本机构资质有效期未登记');
  else if (e.validUntil < day) problems.push(`本机构资质有效期至 ${e.validUntil}，已过期`);
  return problems;
}
