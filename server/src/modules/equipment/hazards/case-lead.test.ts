import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeUnit } from '../testing.js';

/** Issue 18: a hazard as the lead of a case (read in the caller's transaction, in scope). */
const env = useServiceEnv();
const hazards = () => env.services.equipment.hazards;
const today = todayInChina();

async function officerIn(regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles: ['county_officer'], regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}

describe('a hazard as the lead of a case', () => {
  it('is read with its unit and user unit in the actor scope only', async () => {
    const unit = await makeUnit(env, { regionCode: '320826' });
    const hazard = await hazards().create(env.ctx, { equipmentId: unit.id, source: 'supervision', foundOn: addDays(today, -3), description: '限速器校验过期仍投入使用', level: 'major', correctionDueOn: addDays(today, 10) });
    const row = await hazards().forCase(env.db, await officerIn('320826'), hazard.id);
    expect(row).toMatchObject({ id: hazard.id, userUscc: unit.userUscc, userName: expect.any(String), equipmentCode: unit.equipmentCode, regionCode: '320826', foundOn: addDays(today, -3), description: '限速器校验过期仍投入使用', status: 'open' });
    expect(await hazards().forCase(env.db, await officerIn('320803'), hazard.id)).toBeNull();
  });
});
