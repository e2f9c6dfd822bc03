import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ServiceEnv } from '../../test/app.js';
import { enterprises } from './enterprises.schema.js';
import type { CreateEnterpriseInput } from './enterprises.service.js';
import { USCC_ALPHABET, completeUscc, orgCodeCheckChar } from './uscc.js';

/** A random valid USCC registered in `regionCode` (test factory). */
export function randomUscc(regionCode = '320826'): string {
  for (;;) {
    let body = '';
    for (let i = 0; i < 8; i++) body += USCC_ALPHABET[randomInt(31)];
    // An organization-code check character of X is valid but keeps the example codes plain.
    if (orgCodeCheckChar(body) !== 'X') return completeUscc(`91${regionCode}${body}`);
  }
}

let seq = 0;
/** Registers an enterprise as the test admin; fields default to a plausible one in 320826. */
export function makeEnterprise(env: ServiceEnv, input: Partial<CreateEnterpriseInput> = {}) {
  const regionCode = input.regionCode ?? '320826';
  return env.services.enterprises.create(env.ctx, { uscc: randomUscc(regionCode), name: `测试企业${++seq}有限公司`, regionCode, ...input });
}

/** Gives an enterprise a credit class directly, bypassing the credit model (test factory: the model would set it on its next run). */
export async function setCreditClass(env: ServiceEnv, id: string, creditClass: 'A' | 'B' | 'C' | 'D' | null): Promise<void> {
  await env.db.update(enterprises).set({ creditClass }).where(eq(enterprises.id, id));
}
