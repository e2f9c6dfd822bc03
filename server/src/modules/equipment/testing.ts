import type { ServiceEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { equipmentUnits } from './registry/registry.schema.js';

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
