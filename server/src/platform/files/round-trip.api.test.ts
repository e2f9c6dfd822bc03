import { describe, expect, it } from 'vitest';
import { randomUscc } from '../../modules/enterprises/testing.js';
import { useTestEnv } from '../../test/app.js';
import { uploadTo } from '../../test/multipart.js';

// A database of this file's own: the exports below hold exactly what these tests put in.
const env = useTestEnv();

const REGION = '320831'; // 金湖县
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '𠮷', '𠀋'];
const WORDS = ['金湖', '益诚', '肉制品', '明晟', '餐饮', '瑞祥', '食品', '恒通', '机械', '石油', '𠮷祥', '鑫', '淼', '龘'];
const word = (i: number, n: number) => Array.from({ length: n }, (_v, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join('');

const ENTERPRISE_HEADER = '统一社会信用代码,企业名称,法定代表人,住所,行政区划代码,登记状态,成立日期,行业代码';
const csvLine = (cells: string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

/** What a spreadsheet program would run as a formula, stored as plain text. */
const FORMULA_LIKE = `-2+3+cmd|' /C calc'!A0`;

describe('an export re-imported unchanged', () => {
  it('reports every enterprise unchanged, from .xlsx and from CSV, whatever Chinese text (and formula-like text) it holds', async () => {
    const rows = Array.from({ length: 300 }, (_v, i) => [
      randomUscc(REGION),
      `金湖${word(i, 2 + (i % 4))}${i}有限公司`,
      i === 0 ? FORMULA_LIKE : `${SURNAMES[i % SURNAMES.length]}${word(i + 1, 1)}`,
      i === 1 ? '-1号楼（地下）' : `金湖县${word(i + 2, 2)}路${i}号`,
      REGION,
      '存续',
      `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      'C1391',
    ]);
    const file = [ENTERPRISE_HEADER, ...rows.map(csvLine)].join('\r\n') + '\r\n';
    const first = (await uploadTo(env, '/api/enterprises/import', { mode: 'all-or-nothing', file: { name: '名录.csv', content: file } })).json();
    expect(first).toEqual({ imported: 300, updated: 0, unchanged: 0, rejected: [] });

    const admin = await env.loginAdmin();
    const csv = await admin.get(`/api/enterprises/export?format=csv&regionCode=${REGION}`);
    // Neutralised in the file, as stored in the database.
    expect(csv.body).toContain(`'${FORMULA_LIKE}`);
    expect(csv.body).toContain(`'-1号楼（地下）`);
    const xlsx = await admin.get(`/api/enterprises/export?format=xlsx&regionCode=${REGION}`);
    for (const [name, content] of [['export.xlsx', xlsx.rawPayload], ['export.csv', csv.rawPayload]] as const) {
      const again = (await uploadTo(env, '/api/enterprises/import', { mode: 'valid-rows', file: { name, content } })).json();
      expect(again, name).toEqual({ imported: 0, updated: 0, unchanged: 300, rejected: [] });
    }
    const stored = (await admin.get(`/api/enterprises/${rows[0]![0]}`)).json();
    expect(stored).toMatchObject({ legalRepresentative: FORMULA_LIKE, name: rows[0]![1] });
    const history = (await admin.get(`/api/enterprises/${rows[5]![0]}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['created']);
  });

  it('reports every licence unchanged, with a number and a type name that look like formulas', async () => {
    const type = await env.services.licenceTypes.create(env.ctx, { key: 'formula_like', name: '=HYPERLINK("http://evil","点击")', legalBasis: '《测试条例》', validityYears: 5 });
    const admin = await env.loginAdmin();
    const holders = (await admin.get(`/api/enterprises?regionCode=${REGION}&pageSize=50`)).json().items as { uscc: string }[];
    const numbers = ['=1+1', '+86 517', '@SUM(1)', '-5', ...Array.from({ length: 46 }, (_v, i) => `苏XK06-${String(i).padStart(4, '0')}`)];
    for (const [i, number] of numbers.entries()) {
      await env.services.licences.create(env.ctx, { uscc: holders[i]!.uscc, type: type.key, number, scope: `${word(i, 3)}（𠮷）`, issuedOn: '2024-03-01', issuer: '江苏省市场监督管理局' });
    }
    const csv = await admin.get('/api/licences/export?format=csv&type=formula_like');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`'=1+1`);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"",""点击"")"`);
    expect(csv.body).not.toMatch(/(^|,)[=+\-@\t]/m);
    const xlsx = await admin.get('/api/licences/export?format=xlsx&type=formula_like');
    for (const [name, content] of [['licences.xlsx', xlsx.rawPayload], ['licences.csv', csv.rawPayload]] as const) {
      const again = (await uploadTo(env, '/api/licences/import', { mode: 'valid-rows', file: { name, content } })).json();
      expect(again, name).toEqual({ imported: 0, updated: 0, unchanged: numbers.length, rejected: [] });
    }
  });
});

describe('text that was not valid in its encoding', () => {
  const FFFD = '\uFFFD';

  it('is refused as a row error TEXT_ENCODING by every import, never stored', async () => {
    const admin = await env.loginAdmin();
    const uscc = randomUscc(REGION);
    const enterprises = [ENTERPRISE_HEADER, `${uscc},淮安明晟餐饮${FFFD}${FFFD}限公司,${FFFD}霞,,${REGION},,,`].join('\r\n');
    const e = (await uploadTo(env, '/api/enterprises/import', { mode: 'valid-rows', file: { name: 'e.csv', content: enterprises } })).json();
    expect(e.imported).toBe(0);
    expect(e.rejected.map((r: { column: string; code: string }) => `${r.column}:${r.code}`)).toEqual(['企业名称:TEXT_ENCODING', '法定代表人:TEXT_ENCODING']);
    expect((await admin.get(`/api/enterprises/${uscc}`)).statusCode).toBe(404);

    const holder = (await admin.get(`/api/enterprises?regionCode=${REGION}&pageSize=1`)).json().items[0].uscc;
    const licences = ['许可证类型,证书编号,统一社会信用代码,许可范围,发证日期,有效期至,发证机关', `industrial_product,XK-${Date.now()},${holder},食品${FFFD}加工,2024-03-01,,江苏省市场监督管理局`].join('\r\n');
    const l = (await uploadTo(env, '/api/licences/import', { mode: 'valid-rows', file: { name: 'l.csv', content: licences } })).json();
    expect({ imported: l.imported, rejected: l.rejected.map((r: { column: string; code: string }) => `${r.column}:${r.code}`) }).toEqual({ imported: 0, rejected: ['许可范围:TEXT_ENCODING'] });

    const notices = ['统一社会信用代码,通报部门,通报类型,摘要,发生日期,文号', `${holder},淮安市住房和城乡建设局,其他,资质${FFFD}被撤回,2025-09-01,`].join('\r\n');
    const f = (await uploadTo(env, '/api/feedback/import', { mode: 'valid-rows', file: { name: 'f.csv', content: notices } })).json();
    expect({ imported: f.imported, rejected: f.rejected.map((r: { column: string; code: string }) => `${r.column}:${r.code}`) }).toEqual({ imported: 0, rejected: ['摘要:TEXT_ENCODING'] });
  });
});
