import { afterEach, describe, expect, it, vi } from 'vitest';
import { statutory } from '../../../platform/calendar/statutory.js';
import { UNCERTAIN_DEADLINE_NOTE } from '../../../platform/documents/docx.js';
import { useServiceEnv } from '../../../test/app.js';
import { docxText, exitInput } from './testing.js';
import { makeLicence } from '../testing.js';

const env = useServiceEnv();

afterEach(() => {
  vi.useRealTimers();
});

/** Before late December of the last year with holiday data, pretend it is then (10 working days run into a year without data); later, the real date does. */
function lateInLastCoveredYear() {
  const at = new Date(`${Math.max(...statutory.years())}-12-21T02:00:00Z`);
  if (Date.now() < at.getTime()) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
  }
}

describe('investigation deadlines over a year without holiday data', () => {
  it('are flagged on the procedure and noted in the investigation notice', async () => {
    lateInLastCoveredYear();
    const licence = await makeLicence(env, { regionCode: '320826' });
    const investigator = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const exit = await env.services.licenceExits.open(env.ctx, exitInput('conditions_lost', licence.id, investigator.id));
    expect(exit.investigationDueCertain).toBe(false);
    const [notice] = (await env.services.licenceDocuments.list(env.admin, licence.id, exit.id)).items;
    const text = await docxText((await env.services.licenceDocuments.download(env.admin, licence.id, notice!.id)).content);
    expect(text).toContain(UNCERTAIN_DEADLINE_NOTE);
    expect(text).toContain('⚠（该期限按未载入节假日数据的年份推算');
  });

  it('print a certain deadline without the note', async () => {
    const licence = await makeLicence(env, { regionCode: '320826' });
    const investigator = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const input = { ...exitInput('conditions_lost', licence.id, investigator.id), investigationWorkingDays: 1 };
    const exit = await env.services.licenceExits.open(env.ctx, input);
    const [notice] = (await env.services.licenceDocuments.list(env.admin, licence.id, exit.id)).items;
    const text = await docxText((await env.services.licenceDocuments.download(env.admin, licence.id, notice!.id)).content);
    expect(exit.investigationDueCertain).not.toBeNull();
    expect(text.includes(UNCERTAIN_DEADLINE_NOTE)).toBe(exit.investigationDueCertain === false);
    expect(text.includes('⚠')).toBe(exit.investigationDueCertain === false);
  });
});
