import { randomInt } from 'node:crypto';
import type { ServiceEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { idCheckChar } from '../../platform/validation/id-number.js';
import type { CertificateInput } from './operators/operators.service.js';
import { equipmentCategories, equipmentUnits } from './registry/registry.schema.js';

let seq = 0;

/**
 * A unit in use, written straight to the table (test factory): an elevator (3000) of a new
 * enterprise in 320826 unless told otherwise. Returns the row.
 */
export async function makeUnit(env: ServiceEnv, input: Partial<typeof equipmentUnits.$inferInsert> = {}) {
  const regionCode = input.regionCode ?? '320826';
  const userUscc = input.userUscc ?? (await makeEnterprise(env, { regionCode })).uscc;
  seq += 1;
  const [row] = await env.db
    .insert(equipmentUnits)
    .values({
      category: '3000',
      equipmentCode: `T${Date.now().toString(36).toUpperCase()}${String(seq).padStart(4, '0')}`,
      registrationNo: `梯11${regionCode}${String(seq).padStart(5, '0')}`,
      userUscc,
      regionCode,
      address: '淮安市测试路1号',
      putIntoServiceOn: '2020-01-01',
      createdByName: 'test',
      ...input,
    })
    .returning();
  return row!;
}

/** A valid citizen ID number (GB 11643 check digit) of someone born in 1990 in `region`, random (a collision is unlikely). */
export function makeIdNumber(region = '320802'): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const body = `${region}1990${two(1 + randomInt(12))}${two(1 + randomInt(28))}${String(randomInt(1000)).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

/** A test-only category of units that need an operator holding one of `workItems` (independent of the registry's seed). */
export async function makeOperatorCategory(env: ServiceEnv, code: string, workItems: string[]) {
  await env.db.insert(equipmentCategories).values({ code, name: `测试类别${code}`, needsOperator: true, operatorWorkItems: workItems }).onConflictDoNothing();
  return code;
}

let certSeq = 0;
/** A unique certificate number. */
export const certificateNo = () => `TZ-${Date.now().toString(36)}-${++certSeq}`;

/** An operator employed by a new enterprise in `regionCode` (or by `employerUscc`), registered by the admin. */
export async function makeOperator(env: ServiceEnv, input: { regionCode?: string; employerUscc?: string; idNumber?: string; name?: string; certificates?: CertificateInput[] } = {}) {
  const employerUscc = input.employerUscc ?? (await makeEnterprise(env, { regionCode: input.regionCode ?? '320826' })).uscc;
  const idNumber = input.idNumber ?? makeIdNumber();
  const operator = await env.services.equipment.operators.create(env.ctx, { name: input.name ?? '王师傅', idNumber, employerUscc, certificates: input.certificates ?? [] });
  return { operator, idNumber, employerUscc };
}
