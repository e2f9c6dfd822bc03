import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { ImportMode } from '../../../platform/files/import.js';
import { importLimitsOf } from '../../../platform/files/limits.js';
import { useTestEnv } from '../../../test/app.js';
import { uploadTo } from '../../../test/multipart.js';
import { makeEnterprise, randomUscc } from '../../enterprises/testing.js';

const env = useTestEnv();

const HEADER = '统一社会信用代码,通报部门,通报类型,摘要,发生日期,文号';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const DEPARTMENT = '淮安市住房和城乡建设局';

const importFile = (content: string, mode: ImportMode = 'all-or-nothing') =>
  env.services.importFeedback(env.ctx, { stream: Readable.from([Buffer.from(content)]), filename: 'notices.csv', kind: 'csv', limits: importLimitsOf(env.config) }, async () => mode);

/** The notices whose summary starts with `marker`. */
const noticesOf = async (marker: string) => (await env.services.feedback.list(env.admin, {}, { page: 1, pageSize: 500 })).items.filter((i) => i.summary.startsWith(marker));

describe('feedback import', () => {
  it('files every row in the competent queue as an import, by label or key; re-importing adds nothing', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const marker = `导入通报${Date.now()}`;
    const file = csv(
      `${e.uscc},${DEPARTMENT},许可被吊销,${marker}-1 建筑业企业资质证书被吊销,2025/9/1,淮建罚〔2025〕12号`,
      `${e.uscc},淮安市生态环境局,serious_violation,${marker}-2 超标排放,45901,`, // Excel serial 45901 = 2025-09-01
      `${randomUscc('320830')},${DEPARTMENT},不再符合许可条件,${marker}-3 不在名录的企业,2025-09-02,`,
    );
    const events = (await env.services.audit.list(env.db, env.admin, { action: 'feedback.imported' }, { page: 1, pageSize: 1 })).total;
    expect(await importFile(file)).toEqual({ imported: 3, updated: 0, unchanged: 0, rejected: [] });
    const notices = await noticesOf(marker);
    expect(notices).toHaveLength(3);
    expect(notices.every((n) => n.source === 'import')).toBe(true);
    const first = notices.find((n) => n.summary.startsWith(`${marker}-1`))!;
    expect(first).toMatchObject({ kind: 'licence_revoked', occurredOn: '2025-09-01', documentNo: '淮建罚〔2025〕12号', enterpriseId: e.id, regionCode: '320826' });
    expect(notices.find((n) => n.summary.startsWith(`${marker}-2`))).toMatchObject({ kind: 'serious_violation', occurredOn: '2025-09-01', documentNo: null });
    expect(notices.find((n) => n.summary.startsWith(`${marker}-3`))).toMatchObject({ kind: 'conditions_changed', enterpriseId: null });

    expect(await importFile(file, 'valid-rows')).toEqual({ imported: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(await noticesOf(marker)).toHaveLength(3);
    expect((await env.services.audit.list(env.db, env.admin, { action: 'feedback.imported' }, { page: 1, pageSize: 1 })).total).toBe(events + 2);
  });

  it('rejects rows as the manual entry does, and a repeated notice; all-or-nothing writes nothing', async () => {
    const e = await makeEnterprise(env);
    const marker = `错误通报${Date.now()}`;
    const rows = [
      `${e.uscc},${DEPARTMENT},其他,${marker}-ok,2025-09-01,`, // 2
      `${e.uscc},${DEPARTMENT},说不清,${marker}-kind,2025-09-01,`, // 3
      `91320826,${DEPARTMENT},其他,${marker}-uscc,2025-09-01,`, // 4
      `${e.uscc},${DEPARTMENT},其他,${marker}-date,${addDays(todayInChina(), 2)},`, // 5
      `${e.uscc},${DEPARTMENT},其他,,2025-09-01,`, // 6
      `${e.uscc},${DEPARTMENT},other,${marker}-ok,2025-09-01,`, // 7: row 2 again
    ];
    const all = await importFile(csv(...rows));
    expect(all).toMatchObject({ imported: 0, updated: 0, unchanged: 0 });
    expect(all.rejected.map((r) => `${r.row}:${r.column}:${r.code}`)).toEqual(['3:通报类型:VALIDATION', '4:统一社会信用代码:USCC_FORMAT', '5:发生日期:INVALID_DATE', '6:摘要:VALIDATION', '7:摘要:DUPLICATE_IN_FILE']);
    expect(await noticesOf(marker)).toEqual([]);

    const valid = await importFile(csv(...rows), 'valid-rows');
    expect(valid).toMatchObject({ imported: 1, unchanged: 0 });
    expect(valid.rejected).toHaveLength(5);
    expect(await noticesOf(marker)).toHaveLength(1);
  });
});

describe('POST /api/feedback/import', () => {
  it('answers the counts for a user who may submit notices, 403 otherwise', async () => {
    const e = await makeEnterprise(env);
    const marker = `接口导入${Date.now()}`;
    const file = { name: 'notices.csv', content: csv(`${e.uscc},${DEPARTMENT},关停决定,${marker},2025-09-01,淮政发〔2025〕3号`) };
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const res = await uploadTo(env, '/api/feedback/import', { mode: 'valid-rows', file }, officer);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: [] });
    expect(await noticesOf(marker)).toEqual([expect.objectContaining({ kind: 'closure_decision', source: 'import' })]);
    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
    expect((await uploadTo(env, '/api/feedback/import', { file }, inspector)).statusCode).toBe(403);
  });
});
