import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeUnit } from '../testing.js';

const env = useTestEnv({ publicRateLimit: 1_000_000 });

const anon = (url: string) => env.app.inject({ url, remoteAddress: '198.51.100.20' });

describe('GET /api/public/equipment/:registrationNo', () => {
  it('answers exactly the category, user name, status, next due date and overdue flag — nothing else', async () => {
    const e = await makeEnterprise(env, { name: '涟水公示电梯使用有限公司' });
    const today = todayInChina();
    const unit = await makeUnit(env, { userUscc: e.uscc, registrationNo: `梯11公示${Date.now()}`, nextInspectionDue: addDays(today, -1), address: '涟水县某小区3幢', manufacturer: '某电梯厂' });
    const res = await anon(`/api/public/equipment/${encodeURIComponent(unit.registrationNo!)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ registrationNo: unit.registrationNo, category: '3000', categoryName: '电梯', userName: '涟水公示电梯使用有限公司', status: 'in_use', nextInspectionDue: addDays(today, -1), overdue: true });
    const dueToday = await makeUnit(env, { userUscc: e.uscc, registrationNo: `梯11公示当日${Date.now()}`, nextInspectionDue: today });
    expect((await anon(`/api/public/equipment/${encodeURIComponent(dueToday.registrationNo!)}`)).json().overdue).toBe(false);
    const missing = await anon('/api/public/equipment/NO-SUCH-NUMBER');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('is rate-limited per client', async () => {
    const { createTestEnv } = await import('../../../test/app.js');
    const limited = await createTestEnv({ publicRateLimit: 2 }, env.database);
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.app.inject({ url: '/api/public/equipment/X1', remoteAddress: '198.51.100.77' })).statusCode);
      expect(codes).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /api/public/enterprises/:uscc', () => {
  it('shows the enterprise’s units by category (not scrapped or deregistered) and how many are overdue', async () => {
    const e = await makeEnterprise(env);
    const today = todayInChina();
    await makeUnit(env, { userUscc: e.uscc, nextInspectionDue: addDays(today, -10) }); // elevator, overdue
    await makeUnit(env, { userUscc: e.uscc, nextInspectionDue: today }); // elevator, due today: not overdue
    await makeUnit(env, { userUscc: e.uscc, status: 'suspended', nextInspectionDue: addDays(today, -10) }); // counted, not overdue
    await makeUnit(env, { userUscc: e.uscc, category: '4000', subcategory: '4100' });
    await makeUnit(env, { userUscc: e.uscc, category: '1000', status: 'scrapped' });
    await makeUnit(env, { userUscc: e.uscc, category: '1000', status: 'deregistered' });
    const res = await anon(`/api/public/enterprises/${e.uscc}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().equipment).toEqual({ byCategory: { '3000': 3, '4000': 1 }, overdue: 1 });
    const none = await makeEnterprise(env);
    expect((await anon(`/api/public/enterprises/${none.uscc}`)).json().equipment).toEqual({ byCategory: {}, overdue: 0 });
  });
});
