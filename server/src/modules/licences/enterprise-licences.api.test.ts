import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { makeLicence } from './testing.js';

/**
 * Issue 15: an enterprise's account reads its own licences with the measures applied to them (a
 * change order with its deadline…) — never the bureau's requests still waiting for approval or
 * rejected — and the documents of its licences; another enterprise's licence answers 404.
 */
const env = useTestEnv();
const PASSWORD = 'Qiye#Zhanghao2026';
let seq = 0;

async function accountOf(uscc: string) {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.licences.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}

const measure = (to: 'changeOrdered' | 'revoked', extra: object = {}) => ({ to, reason: '测试', legalBasis: '《工业产品生产许可证管理条例》', documentNo: `淮市监〔2026〕企${++seq}号`, ...extra });

describe('an enterprise account and its licences', () => {
  it('sees the measures applied to its licence (change order with its deadline), not pending requests; the notice downloads; another’s licence 404', async () => {
    const licence = await makeLicence(env, { regionCode: '320826' });
    const elsewhere = await makeLicence(env, { regionCode: '320826' });
    const account = await accountOf(licence.uscc);
    const officer = (await env.services.users.loadActor((await env.makeUser({ roles: ['city_officer'] })).id))!;

    const ordered = await env.services.licences.requestTransition({ actor: officer }, licence.id, measure('changeOrdered', { deadlineWorkingDays: 5 }));
    const deadline = ordered.pending ? '' : ordered.licence.changeDeadline!;
    await env.services.licences.setApprovalRule(env.ctx, 'revoked', true);
    try {
      const asked = await env.services.licences.requestTransition({ actor: officer }, licence.id, measure('revoked'));
      expect(asked.pending).toBe(true);
    } finally {
      await env.services.licences.setApprovalRule(env.ctx, 'revoked', false);
    }
    // Staff see the pending request; the enterprise only what was applied.
    expect((await env.services.licences.timeline(officer, licence.id)).items.map((t) => t.status)).toEqual(['pending', 'applied']);
    const timeline = (await account.get(`/api/licences/${licence.id}/transitions`)).json();
    expect(timeline.items).toEqual([expect.objectContaining({ status: 'applied', toState: 'changeOrdered', deadlineOn: deadline })]);
    expect(timeline.total).toBe(1);

    // No measure is offered to the holder's own account (staff see those the state allows).
    expect((await account.get(`/api/licences/${licence.id}`)).json()).toMatchObject({ state: 'changeOrdered', changeDeadline: deadline, allowedTargets: [] });
    expect((await account.get('/api/licences')).json().items.every((l: { allowedTargets: string[] }) => l.allowedTargets.length === 0)).toBe(true);
    expect((await account.get('/api/licences')).json()).toMatchObject({ total: 1, items: [{ id: licence.id }] });
    const notice = await account.get(`/api/licences/${licence.id}/notice`);
    expect(notice.statusCode).toBe(200);
    for (const url of [`/api/licences/${elsewhere.id}`, `/api/licences/${elsewhere.id}/transitions`, `/api/licences/${elsewhere.id}/notice`, `/api/licences/${elsewhere.id}/documents`]) {
      expect((await account.get(url)).statusCode, url).toBe(404);
    }
    // Measures are the bureau's: the account takes none.
    expect((await account.post(`/api/licences/${licence.id}/transitions`, measure('revoked'))).statusCode).toBe(403);
  });
});
