import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { invalid } from '../../platform/validation/fields.js';
import { enterprises, normalizeUscc, usccProblem } from '../enterprises/index.js';

/**
 * The registered enterprise a request names by USCC (normalised): 400 USCC_FORMAT for a malformed
 * code, 400 ENTERPRISE_NOT_FOUND when the register has none. A code failing only its check digit
 * is looked up (the register keeps such early codes on purpose).
 */
export async function registeredEnterprise(tx: Db, raw: string, field = 'uscc') {
  const uscc = normalizeUscc(raw);
  const problem = usccProblem(uscc);
  if (problem?.code === 'USCC_FORMAT') throw invalid(field, problem.message, 'USCC_FORMAT');
  const [row] = await tx.select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, uscc));
  if (!row) throw invalid(field, '企业名录中没有该统一社会信用代码的企业', 'ENTERPRISE_NOT_FOUND');
  return row;
}
