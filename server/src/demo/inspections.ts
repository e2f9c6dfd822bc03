import { eq, inArray } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { todayInChina } from '../platform/calendar/dates.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { orgs } from '../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../platform/users/users.schema.js';
import type { ChecklistQuestion } from '../modules/inspections/inspections.schema.js';
import type { TaskState } from '../modules/inspections/tasks/tasks.schema.js';

/** The county whose inspections the demo shows in every state (涟水县). */
const COUNTY = '320826';

type Question = Omit<ChecklistQuestion, 'required'> & { required?: boolean };
export const ITEMS: { name: string; section: string; legalBasis: string; checklist: Question[]; resultCategories: string[]; specialty?: string }[] = [
  {
    name: '工业产品生产许可证获证企业监督检查',
    section: '产品质量安全监督管理科',
    legalBasis: '《中华人民共和国工业产品生产许可证管理条例》第三十七条',
    checklist: [
      { key: 'licence_valid', text: '生产许可证是否在有效期内且与实际生产产品一致', answerType: 'yes_no', finding: { text: '实际生产产品超出许可范围或证书已过期', severity: 'major' } },
      { key: 'conditions_kept', text: '生产条件、检验手段是否持续符合许可要求', answerType: 'yes_no', finding: { text: '生产条件或检验手段不再符合许可要求', severity: 'major' } },
      { key: 'marking', text: '产品及包装是否按规定标注许可证编号和 QS/SC 标志', answerType: 'yes_no', finding: { text: '产品未按规定标注许可证标志和编号', severity: 'minor' } },
      { key: 'inspection_records', text: '出厂检验记录是否完整', answerType: 'yes_no', finding: { text: '出厂检验记录不完整', severity: 'minor' } },
      { key: 'staff', text: '在岗生产人员数', answerType: 'number', required: false },
      { key: 'site_photo', text: '现场照片', answerType: 'photo', required: false },
      { key: 'remarks', text: '其他需要说明的情况', answerType: 'text', required: false },
    ],
    resultCategories: ['未发现问题', '发现问题已责令整改', '发现问题已立案查处', '未找到检查对象'],
  },
  {
    name: '计量器具获证企业监督检查',
    section: '计量科',
    legalBasis: '《中华人民共和国计量法》第十九条',
    checklist: [
      { key: 'consistent', text: '生产的计量器具是否与型式批准证书一致', answerType: 'yes_no', finding: { text: '生产的产品与型式批准证书不一致', severity: 'major' } },
      { key: 'standards_valid', text: '计量标准是否经考核合格并在有效期内', answerType: 'yes_no', finding: { text: '计量标准未经考核或已超过有效期', severity: 'major' } },
      { key: 'system_running', text: '企业质量、计量管理体系是否正常运行', answerType: 'yes_no', finding: { text: '质量、计量管理体系运行不正常', severity: 'minor' } },
      { key: 'remarks', text: '其他需要说明的情况', answerType: 'text', required: false },
    ],
    resultCategories: ['未发现问题', '发现问题已责令整改', '发现问题已立案查处'],
  },
];

/** How far the demo walks each drawn task: one or more in every state. */
const WALK: TaskState[] = ['assigned', 'in_progress', 'inspected', 'rectifying', 'rechecking', 'completed', 'published', 'published', 'completed', 'assigned'];

/**
 * Random-inspection demo data through the services (inside the demo's transaction): the items,
 * every demo inspector and county officer in the inspector pool, a county pool of licence holders
 * with a plan for this year whose draw is revealed and whose tasks stand in every state (results
 * published), a complaint-driven task, and the metrology templates' plans with a committed draw
 * waiting for its ceremony.
 */
export async function loadInspectionDemo(tx: Db, services: Services, ctx: RequestContext & { actor: Actor }) {
  const sections = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.type, 'city_section'));
  const items = [];
  for (const item of ITEMS) {
    const sectionId = sections.find((s) => s.name === item.section)?.id ?? sections[0]!.id;
    items.push(await services.inspectionItems.create(ctx, { ...item, sectionId, targetKind: 'enterprise', checklist: item.checklist.map((q) => ({ ...q, required: q.required ?? true })) }));
  }

  const demoUsers = await tx.select({ id: users.id, username: users.username, regionCode: users.regionCode }).from(users).where(inArray(users.username, await demoInspectorNames(tx)));
  for (const [i, u] of demoUsers.entries()) {
    await services.inspectors.put(ctx, u.id, { certificateNo: `苏执淮${String(32080001 + i)}`, specialties: u.username.endsWith('.inspector') ? ['产品质量', '计量'] : ['产品质量'] });
  }
  const actorOf = async (username: string) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    return (await services.users.loadActor(u!.id, tx)) as Actor;
  };
  const officer = { actor: await actorOf('lianshui.officer') };
  const cityOfficer = { actor: await actorOf('city.officer') };

  const year = Number(todayInChina().slice(0, 4));
  const quarter = Math.ceil(Number(todayInChina().slice(5, 7)) / 3);
  const pool = await services.pools.create(officer, { name: '涟水县工业产品生产许可证获证企业', filter: { licenceType: 'industrial_product', status: 'active' }, regionCode: COUNTY });
  const plan = await services.plans.create(officer, { name: `${year}年涟水县工业产品生产许可证获证企业“双随机”抽查`, year, itemId: items[0]!.id, poolId: pool.id, quarters: [quarter], mode: 'fixed', fixedCount: WALK.length });
  const draw = await services.draws.commit(officer, plan.id);
  await services.draws.reveal(officer, draw.id, `${year}年涟水县抽查见证：县纪委监委派驻组`);
  const { items: tasks } = await services.tasks.list(officer.actor, { drawId: draw.id }, { page: 1, pageSize: 100 });
  for (const [i, task] of tasks.entries()) await walk(services, task.id, task.inspectorIds[0]!, WALK[i % WALK.length]!, officer, tx);

  // A second county's draw over its whole register by credit class: the public record names the strata S1, S2, … only.
  const xuyi = { actor: await actorOf('xuyi.officer') };
  const xuyiPool = await services.pools.create(xuyi, { name: '盱眙县全部企业', filter: {}, regionCode: '320830' });
  const xuyiPlan = await services.plans.create(xuyi, { name: `${year}年盱眙县企业分类“双随机”抽查`, year, itemId: items[0]!.id, poolId: xuyiPool.id, quarters: [quarter], mode: 'ratio' });
  const xuyiDraw = await services.draws.commit(xuyi, xuyiPlan.id);
  const xuyiRevealed = await services.draws.reveal(xuyi, xuyiDraw.id, `${year}年盱眙县抽查见证：县司法局`);

  // A check after a complaint, without a draw.
  const [complained] = tasks.slice(-1);
  if (complained) {
    await services.tasks.create(officer, { itemId: items[0]!.id, uscc: complained.objectKey, origin: 'complaint', originNote: '12315 投诉举报：产品标签未标注生产许可证编号', inspectorIds: complained.inspectorIds });
  }

  // The metrology rule's two plans, city-wide; the sample's draw is committed, its ceremony still to come.
  await services.planTemplates.apply(cityOfficer, 'metrology_yearly', { year, itemId: items[1]!.id, licenceType: 'metrology_standard' });
  const sample = await services.planTemplates.apply(cityOfficer, 'metrology_new_certificates', { year, itemId: items[1]!.id, licenceType: 'metrology_standard' });
  if (sample.pool.size > 0) await services.draws.commit(cityOfficer, sample.plan.id);
  return { items: items.length, tasks: tasks.length + (xuyiRevealed.selectedCount ?? 0) + (complained ? 1 : 0) };
}

/** The demo's inspector pool: every county officer and inspector, and the city inspector. */
async function demoInspectorNames(tx: Db) {
  const rows = await tx.select({ username: users.username }).from(users);
  return rows.map((r) => r.username).filter((n) => /^[a-z]+\.(officer|inspector)$/.test(n) && n !== 'city.officer');
}

/**
 * Takes one task as far as `target`, acting as its first inspector (and the county officer for the
 * report and publication); with `findings`, the check always finds a problem and orders its rectification.
 */
export async function walk(services: Services, taskId: string, inspectorId: string, target: TaskState, officer: RequestContext & { actor: Actor }, tx: Db, findings = false) {
  if (target === 'assigned') return;
  const inspector = { actor: (await services.users.loadActor(inspectorId, tx)) as Actor };
  const today = todayInChina();
  const withFindings = findings || ['rectifying', 'rechecking'].includes(target) || taskId.charCodeAt(0) % 3 === 0;
  await services.tasks.saveAnswers(inspector, taskId, { licence_valid: { value: true }, staff: { value: 20 + (taskId.charCodeAt(1) % 60) } });
  if (target === 'in_progress') return;
  await services.tasks.submit(inspector, taskId, { answers: { conditions_kept: { value: true }, marking: { value: !withFindings }, inspection_records: { value: true } }, inspectedOn: today });
  if (target === 'inspected') return;
  if (withFindings) {
    const task = await services.rectification.issue(inspector, taskId, { requirements: '按规定在产品及包装上标注生产许可证编号和标志，并对库存产品进行清理', workingDays: 15 });
    if (target === 'rectifying') return;
    const orderId = task.rectificationOrders[0]!.id;
    await services.rectification.report(officer, orderId, { reportText: '企业已重新印制包装，库存产品已全部补贴标识', reportedOn: today });
    if (target === 'rechecking') return;
    await services.rectification.recheck(inspector, orderId, { passed: true, note: '现场复查，产品标识已规范', recheckedOn: today });
  }
  await services.tasks.complete(inspector, taskId, { resultCategory: withFindings ? '发现问题已责令整改' : '未发现问题' });
  if (target === 'published') await services.tasks.publish(officer, [taskId]);
}
