import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { complaints } from '../modules/complaints/complaints.schema.js';
import type { CaseStage, LeadSource, Penalty } from '../modules/cases/cases.schema.js';
import { caseEvents, cases } from '../modules/cases/cases.schema.js';
import { discretionRules } from '../modules/cases/decision/discretion.schema.js';
import { caseProgressReports } from '../modules/cases/oversight/oversight.schema.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { equipmentHazards } from '../modules/equipment/hazards/hazards.schema.js';
import { inspectionItems } from '../modules/inspections/inspections.schema.js';
import { inspectionTasks } from '../modules/inspections/tasks/tasks.schema.js';
import type { Actor } from '../platform/access/actor.js';
import { addDays, isWeekend, todayInChina } from '../platform/calendar/dates.js';
import { orgs } from '../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../platform/users/users.schema.js';
import { ITEMS } from './inspections.js';
import { DEMO_REGIONS } from './places.js';
import { makeRng } from './random.js';
import { SURNAMES } from './words.js';

/** Cases the full demo (5,000 enterprises) adds; smaller demos get fewer (never fewer than the contract's showcase). */
export const DEMO_CASES = 36;
/** The outside bureau of the joint case (联办). */
export const JOINT_EXTERNAL = '宿迁市宿城区市场监督管理局';
/** The demo cluster: the generator's tag of 盱眙's attapulgite enterprises. */
export const DEMO_CLUSTER = '盱眙凹土产业集群';
export const DEMO_CAMPAIGN = '电动自行车质量专项执法行动';

export interface CasesDemoSummary {
  cases: number;
  byStage: Record<string, number>;
  bySource: Record<string, number>;
  published: { short: number; long: number };
  supervised: string | null;
  joint: string | null;
  transferred: string[];
  campaign: { name: string; drawId: string; selected: number } | null;
  cluster: { name: string; members: number; noticeNo: string } | null;
}

type Ctx = { actor: Actor };

/** A violation the demo finds, with its discretion rule and level (the fine kept within the level's bounds). */
interface Violation {
  rule: string;
  level: string;
  violation: string;
  summary: string;
  fine: number;
  gains?: number;
  confiscation?: boolean;
  warningOnly?: boolean;
  evidence: { kind: 'onsite' | 'inquiry' | 'sampling' | 'document' | 'physical' | 'electronic' | 'seizure'; title: string; content: string }[];
}

const V: Record<string, Violation> = {
  unlicensed: {
    rule: 'lic_unlicensed_production', level: 'lighter', fine: 36000, gains: 5200, confiscation: true,
    violation: '未取得工业产品生产许可证，擅自生产列入目录的建筑用钢筋',
    summary: '现场发现当事人在无生产许可证的情况下组织生产热轧带肋钢筋，成品堆放于厂区仓库',
    evidence: [
      { kind: 'onsite', title: '现场检查笔录', content: '生产线正在运行，仓库存放成品钢筋约 12 吨，未能出示生产许可证' },
      { kind: 'seizure', title: '扣押决定书及财物清单', content: '扣押成品钢筋 12 吨' },
      { kind: 'inquiry', title: '询问笔录（法定代表人）', content: '当事人承认自 2026 年起未取得许可证即开始生产' },
    ],
  },
  substandard: {
    rule: 'pq_safety_standard', level: 'lighter', fine: 8000,
    violation: '销售不符合保障人身、财产安全的国家标准的电动自行车充电器',
    summary: '举报反映当事人销售的电动自行车充电器无过充保护，抽样检验不合格',
    evidence: [
      { kind: 'sampling', title: '抽样单及检验报告', content: '送检 3 批次，2 批次“充电器输出过压保护”项目不合格' },
      { kind: 'inquiry', title: '询问笔录（店长）', content: '当事人自述该批充电器购自外地批发商，未索取合格证明' },
    ],
  },
  adulteration: {
    rule: 'pq_adulteration', level: 'lighter', fine: 15000, gains: 2600,
    violation: '以不合格产品冒充合格产品销售电线电缆',
    summary: '投诉反映购买的电线截面积不足，经抽样检验导体电阻不合格',
    evidence: [
      { kind: 'sampling', title: '抽样检验报告', content: '导体电阻项目不合格' },
      { kind: 'document', title: '进销货台账', content: '该批电线共进货 300 卷，已售出 214 卷' },
    ],
  },
  elevator: {
    rule: 'se_inspection_overdue', level: 'lighter', fine: 12000,
    violation: '电梯超过定期检验有效期未申报检验，经责令限期改正逾期未改正',
    summary: '特种设备隐患：电梯定期检验已过期仍在使用，责令改正后逾期未改正',
    evidence: [
      { kind: 'onsite', title: '现场检查笔录', content: '电梯使用标志显示下次检验日期已过，仍在运行' },
      { kind: 'document', title: '特种设备安全监察指令书及回执', content: '责令 10 日内申报检验，期满未改正' },
    ],
  },
  metrology: {
    rule: 'metrology_unverified', level: 'ordinary', fine: 500,
    violation: '使用未经强制检定的电子计价秤',
    summary: '检查发现集贸市场经营户使用的电子计价秤未按规定申请强制检定',
    evidence: [{ kind: 'onsite', title: '现场检查笔录', content: '电子计价秤 2 台，无有效检定合格标志' }],
  },
  ccc: {
    rule: 'cert_ccc_missing', level: 'lighter', fine: 60000, gains: 3400,
    violation: '销售未经强制性产品认证的电动自行车',
    summary: '检查发现当事人销售的电动自行车无 CCC 认证标志，无法提供认证证书',
    evidence: [
      { kind: 'onsite', title: '现场检查笔录', content: '店内展示电动自行车 9 辆，均无 CCC 标志' },
      { kind: 'electronic', title: '网店销售记录截图', content: '近三个月销售 41 辆' },
    ],
  },
  marks: {
    rule: 'pq_false_marks', level: 'lighter', fine: 9000,
    violation: '冒用他人厂名、厂址生产凹土干燥剂',
    summary: '凹土制品包装标注的厂名、厂址与实际生产者不符',
    evidence: [{ kind: 'physical', title: '产品包装实物', content: '包装标注某外省企业名称、地址' }, { kind: 'inquiry', title: '询问笔录（生产负责人）', content: '承认为提高售价冒用他人厂名' }],
  },
  warning: {
    rule: 'pq_safety_standard', level: 'mitigated', fine: 0, warningOnly: true,
    violation: '销售不符合国家标准的儿童玩具（货值金额较小，主动下架召回）',
    summary: '抽查发现店内 3 件儿童玩具小零件项目不合格，当事人已主动下架召回',
    evidence: [{ kind: 'sampling', title: '抽样检验报告', content: '小零件项目不合格' }],
  },
};

/** What becomes of a case; `stage` is where it stands at the end. */
interface Spec {
  stage: CaseStage;
  source: LeadSource;
  region: string;
  v: keyof typeof V;
  /** Days before today the lead was found. */
  found: number;
  supervised?: boolean;
  joint?: boolean;
  transfer?: 'receipt' | 'accepted';
  hearing?: boolean;
  /** Partly paid (executing) or enforcement applied to the court. */
  execution?: 'partial' | 'court';
  campaign?: boolean;
  cluster?: boolean;
  publishAfter?: number | null;
}

/** The showcase every demo has: every stage, the supervised, joint and transferred cases, published decisions of both periods. */
const CORE: Spec[] = [
  { stage: 'lead', source: 'unlicensed_lead', region: '320826', v: 'unlicensed', found: 4 },
  { stage: 'declined', source: 'complaint', region: '320804', v: 'adulteration', found: 20 },
  { stage: 'investigating', source: 'equipment_hazard', region: '320812', v: 'elevator', found: 40, supervised: true },
  { stage: 'reviewing', source: 'inspection_finding', region: '320826', v: 'marks', found: 35 },
  { stage: 'notified', source: 'manual', region: '320831', v: 'substandard', found: 30 },
  { stage: 'hearing', source: 'complaint', region: '320813', v: 'ccc', found: 45, hearing: true },
  { stage: 'decided', source: 'unlicensed_lead', region: '320830', v: 'unlicensed', found: 70, publishAfter: null },
  { stage: 'served', source: 'manual', region: '320871', v: 'ccc', found: 90, publishAfter: 6 },
  { stage: 'executing', source: 'complaint', region: '320803', v: 'adulteration', found: 110, execution: 'partial', publishAfter: 5 },
  { stage: 'closed', source: 'unlicensed_lead', region: '320826', v: 'unlicensed', found: 160, publishAfter: 8 },
  { stage: 'transferred', source: 'department', region: '320803', v: 'substandard', found: 50, transfer: 'receipt' },
  { stage: 'investigating', source: 'manual', region: '320830', v: 'marks', found: 25, joint: true, cluster: true },
  { stage: 'closed', source: 'equipment_hazard', region: '320831', v: 'metrology', found: 60, publishAfter: 4 },
  { stage: 'transferred', source: 'unlicensed_lead', region: '320812', v: 'unlicensed', found: 80, transfer: 'accepted' },
];

/** More of the same for bigger demos, across the counties, the sources and the stages. */
const MORE: Spec[] = [
  { stage: 'investigating', source: 'manual', region: '320800', v: 'ccc', found: 12, campaign: true },
  { stage: 'lead', source: 'manual', region: '320830', v: 'ccc', found: 3, campaign: true },
  { stage: 'closed', source: 'complaint', region: '320812', v: 'substandard', found: 130, publishAfter: 3 },
  { stage: 'closed', source: 'manual', region: '320804', v: 'warning', found: 100 },
  { stage: 'served', source: 'equipment_hazard', region: '320803', v: 'elevator', found: 75, publishAfter: 7 },
  { stage: 'executing', source: 'manual', region: '320813', v: 'unlicensed', found: 140, execution: 'court', publishAfter: 9 },
  { stage: 'lead', source: 'department', region: '320813', v: 'substandard', found: 6 },
  { stage: 'declined', source: 'manual', region: '320871', v: 'metrology', found: 30 },
  { stage: 'reviewing', source: 'complaint', region: '320831', v: 'adulteration', found: 28 },
  { stage: 'notified', source: 'equipment_hazard', region: '320826', v: 'elevator', found: 33 },
  { stage: 'decided', source: 'manual', region: '320804', v: 'metrology', found: 40, publishAfter: null },
  { stage: 'closed', source: 'manual', region: '320830', v: 'marks', found: 120, cluster: true, publishAfter: 6 },
  { stage: 'investigating', source: 'unlicensed_lead', region: '320871', v: 'unlicensed', found: 15 },
  { stage: 'closed', source: 'complaint', region: '320826', v: 'adulteration', found: 200, publishAfter: 10 },
  { stage: 'investigating', source: 'department', region: '320804', v: 'ccc', found: 18 },
  { stage: 'lead', source: 'complaint', region: '320812', v: 'substandard', found: 2 },
  { stage: 'reviewing', source: 'manual', region: '320803', v: 'metrology', found: 26 },
  { stage: 'served', source: 'unlicensed_lead', region: '320831', v: 'unlicensed', found: 85, publishAfter: 5 },
  { stage: 'closed', source: 'equipment_hazard', region: '320813', v: 'elevator', found: 150, publishAfter: 4 },
  { stage: 'notified', source: 'complaint', region: '320830', v: 'adulteration', found: 24 },
  { stage: 'closed', source: 'manual', region: '320800', v: 'metrology', found: 95, publishAfter: 2 },
  { stage: 'declined', source: 'equipment_hazard', region: '320826', v: 'elevator', found: 22 },
];

const ORDER: CaseStage[] = ['lead', 'investigating', 'reviewing', 'notified', 'hearing', 'decided', 'served', 'executing', 'closed'];
const reached = (spec: Spec, stage: CaseStage) => spec.stage !== 'declined' && spec.stage !== 'transferred' && ORDER.indexOf(spec.stage) >= ORDER.indexOf(stage);

/**
 * The enforcement-cases demo (issue 18), inside the demo's transaction after the complaints: a
 * campaign with its revealed lottery, then `count` cases across the divisions from every lead
 * source (unlicensed-operation leads filed for them, the demo's complaints and reports, inspection
 * findings and special-equipment hazards, other departments, officers) walked through the cases
 * services to every stage: two investigators of the county each, evidence, the legal review by
 * `city.legal_reviewer`, the notice, the decision from the discretion table by `city.section_head`,
 * service, payment, closure, publication (3 months and 3 years), a case supervised by the city
 * (one report overdue), one joint with an outside bureau, two transferred to the police; and the
 * cluster 盱眙凹土产业集群 with a quality risk notice awaiting the government's reply.
 *
 * The acts are dated in the past through the services' date fields; only the legal review has no
 * date of its own (the review action dates it today), so its date is written straight after the
 * review (see `backdateReview`), and the timeline's times are set to the acts' dates at the end.
 */
export async function loadCasesDemo(tx: Db, services: Services, opts: { seed: number; count: number; today?: string }): Promise<CasesDemoSummary> {
  const today = opts.today ?? todayInChina();
  const summary: CasesDemoSummary = { cases: 0, byStage: {}, bySource: {}, published: { short: 0, long: 0 }, supervised: null, joint: null, transferred: [], campaign: null, cluster: null };
  if (opts.count <= 0) return summary;
  const rng = makeRng(opts.seed);
  const svc = services.cases;

  const staffRows = await tx.select({ id: users.id, username: users.username }).from(users).where(sql`${users.username} like '%.%'`);
  const idOf = new Map(staffRows.map((u) => [u.username, u.id]));
  const actors = new Map<string, Ctx>();
  const as = async (username: string): Promise<Ctx | null> => {
    if (actors.has(username)) return actors.get(username)!;
    const id = idOf.get(username);
    const actor = id ? await services.users.loadActor(id, tx) : null;
    if (!actor) return null;
    actors.set(username, { actor: actor as Actor });
    return actors.get(username)!;
  };
  const head = await as('city.section_head');
  const reviewer = (await as('city.legal_reviewer')) ?? (await as('city.section_head'));
  const cityOfficer = await as('city.officer');
  const admin = await as('demo.admin');
  if (!head || !reviewer || !cityOfficer) return summary;
  const slugOf = new Map(DEMO_REGIONS.map((r) => [r.code, r.slug]));
  /** The county's two officers: its officer and its inspector (the city's for the city's own cases). */
  const teamOf = async (region: string) => {
    const slug = slugOf.get(region) ?? 'city';
    const a = await as(`${slug}.officer`);
    const b = await as(`${slug}.inspector`);
    if (!a || !b) return null;
    return { a, ids: [a.actor.userId!, b.actor.userId!] };
  };

  const rules = new Map((await tx.select().from(discretionRules)).map((r) => [r.key, r]));
  const enterprisesOf = async (region: string, tag?: string) =>
    tx
      .select({ uscc: enterprises.uscc, name: enterprises.name })
      .from(enterprises)
      .where(and(eq(enterprises.regionCode, region), eq(enterprises.status, 'active'), tag ? sql`${tag} = any(${enterprises.tags})` : undefined))
      .orderBy(asc(enterprises.uscc))
      .limit(40);

  // The campaign (专项执法行动) with its lottery committed and revealed: its checks are inspection tasks.
  let campaignId: string | null = null;
  const [item] = await tx.select({ id: inspectionItems.id }).from(inspectionItems).where(eq(inspectionItems.name, ITEMS[0]!.name)).limit(1);
  if (item) {
    const year = today.slice(0, 4);
    const startOn = addDays(today, -30) < `${year}-01-01` ? `${year}-01-01` : addDays(today, -30);
    const bureaus = await tx.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.type, 'county_bureau'), inArray(orgs.regionCode, ['320812', '320803', '320830'])));
    const pool = await services.pools.create(cityOfficer, { name: `${year}年电动自行车生产销售企业（专项执法行动）`, filter: {}, regionCode: '320800' });
    const campaign = await svc.campaigns.create(cityOfficer, {
      name: `${year}年${DEMO_CAMPAIGN}`, productCategory: 'daily_consumer', description: '针对电动自行车及充电器、蓄电池的强制性认证、充电器过充保护、整车质量开展专项执法检查',
      startOn, endOn: `${year}-12-31`, participatingOrgIds: bureaus.map((b) => b.id), poolId: pool.id, itemId: item.id, targetCount: Math.min(8, Math.max(3, Math.round(opts.count / 5))),
    });
    const draw = await svc.campaigns.commitDraw(cityOfficer, campaign.id);
    const revealed = await services.draws.reveal(cityOfficer, draw.id, `${year}年电动自行车专项执法行动摇号见证：市司法局 王明`);
    campaignId = campaign.id;
    summary.campaign = { name: campaign.name, drawId: draw.id, selected: revealed.selectedCount ?? 0 };
  }

  // Leads of the linked sources, taken in turn.
  const used = new Set<string>();
  const nextComplaint = async (region: string) => {
    const rows = await tx.select({ id: complaints.id }).from(complaints)
      .where(and(eq(complaints.regionCode, region), inArray(complaints.kind, ['report', 'complaint']), isNotNull(complaints.subjectUscc)))
      .orderBy(asc(complaints.receivedOn), asc(complaints.id)).limit(20);
    return rows.find((r) => !used.has(r.id))?.id ?? null;
  };
  const nextHazard = async (region: string) => {
    const rows = await tx.select({ id: equipmentHazards.id }).from(equipmentHazards).where(eq(equipmentHazards.regionCode, region)).orderBy(asc(equipmentHazards.id)).limit(20);
    return rows.find((r) => !used.has(r.id))?.id ?? null;
  };
  const nextFinding = async (region: string) => {
    const rows = await tx.select({ id: inspectionTasks.id }).from(inspectionTasks)
      .where(and(eq(inspectionTasks.regionCode, region), inArray(inspectionTasks.state, ['inspected', 'rectifying', 'rechecking', 'completed', 'published']), sql`jsonb_array_length(${inspectionTasks.findings}) > 0`))
      .orderBy(asc(inspectionTasks.id)).limit(20);
    return rows.find((r) => !used.has(r.id))?.id ?? null;
  };

  const specs = [...CORE, ...MORE].slice(0, Math.max(CORE.length, Math.min(CORE.length + MORE.length, opts.count)));
  const clusterCases: { id: string; caseNo: string }[] = [];
  let seq = 0;
  for (const spec of specs) {
    const team = await teamOf(spec.region);
    if (!team) continue;
    const v = V[spec.v]!;
    const rule = rules.get(v.rule);
    const level = rule?.levels.find((l) => l.level === v.level);
    if (!rule || !level) continue;
    seq++;
    const foundOn = workday(addDays(today, -spec.found));
    // The lead, by its source (a source without a lead in this division falls back to an officer's entry).
    let source = spec.source;
    let leadId: string | null = null;
    const subjects = await enterprisesOf(spec.region, spec.cluster ? DEMO_CLUSTER : undefined);
    const subject = subjects.length ? subjects[(seq * 7) % subjects.length]! : null;
    if (source === 'unlicensed_lead') {
      const lead = await services.leads.create(team.a, {
        operatorName: `${DEMO_REGIONS.find((r) => r.code === spec.region)?.localPrefix ?? '淮安市'}${rng.pick(SURNAMES)}氏${['钢筋加工厂', '建材加工坊', '五金制品厂'][seq % 3]}`,
        address: `${DEMO_REGIONS.find((r) => r.code === spec.region)?.addressPrefix ?? '淮安市'}${rng.pick(DEMO_REGIONS.find((r) => r.code === spec.region)?.roads ?? ['淮海路'])}${1 + rng.int(300)}号`,
        regionCode: spec.region, licenceType: 'industrial_product', source: '群众举报', description: v.summary,
      });
      leadId = lead.id;
    } else if (source === 'complaint') leadId = await nextComplaint(spec.region);
    else if (source === 'equipment_hazard') leadId = await nextHazard(spec.region);
    else if (source === 'inspection_finding') leadId = await nextFinding(spec.region);
    if (['complaint', 'equipment_hazard', 'inspection_finding'].includes(source) && !leadId) source = 'manual';
    if (leadId) used.add(leadId);
    const linked = source !== 'manual' && source !== 'department';
    const created = await svc.cases.create(team.a, {
      leadSource: source,
      leadId: linked ? leadId : null,
      uscc: linked ? null : subject?.uscc ?? null,
      partyName: linked ? null : subject?.name ?? `${rng.pick(SURNAMES)}某经营部`,
      summary: linked ? null : v.summary,
      leadRef: source === 'department' ? `淮安市公安局 线索移交函（${foundOn}）` : null,
      foundOn,
      regionCode: spec.region,
      campaignId: spec.campaign ? campaignId : null,
    });
    const id = created.id;
    summary.cases++;
    summary.bySource[source] = (summary.bySource[source] ?? 0) + 1;
    if (spec.cluster) clusterCases.push({ id, caseNo: created.caseNo });
    const done = (stage: CaseStage) => {
      summary.byStage[stage] = (summary.byStage[stage] ?? 0) + 1;
    };
    if (spec.stage === 'lead') {
      done('lead');
      continue;
    }
    if (spec.stage === 'declined') {
      await svc.cases.act(head, id, 'decline', { reason: '经核查，线索反映的问题不属实，不予立案' });
      done('declined');
      continue;
    }
    // The dates of the acts after the lead's (working days, none after today, each on or after the one before).
    const span = spec.found;
    let last = foundOn;
    const next = (days: number) => {
      const date = clampToday(workday(addDays(last, Math.max(1, days))), today);
      last = date > last ? date : last;
      return last;
    };
    const openedOn = next(Math.min(12, Math.ceil(span * 0.06)));
    await svc.cases.act(head, id, 'open', { openedOn, investigatorIds: team.ids, note: '同意立案，由两名执法人员承办' });
    if (spec.transfer) {
      await svc.cases.act(team.a, id, 'add_evidence', { ...v.evidence[0]!, interviewee: v.evidence[0]!.kind === 'inquiry' ? `${rng.pick(SURNAMES)}某` : null, collectedOn: next(2), officerIds: team.ids, place: '当事人经营场所' });
      const transferredOn = next(6);
      await svc.cases.act(team.a, id, 'transfer', { transferredOn, receivingOrgan: spec.region === '320812' ? '淮安市公安局清江浦分局' : '淮安市公安局淮安分局', reason: '货值金额达五万元以上，涉嫌犯罪', suspectedCrime: '生产、销售伪劣产品罪', documentNo: null });
      const [transfer] = (await svc.oversight.transfers(team.a.actor, id)).items;
      if (transfer) {
        await svc.oversight.recordReceipt(team.a, transfer.id, { receiptNo: `淮公受〔${transferredOn.slice(0, 4)}〕${100 + seq}号`, receiptOn: next(2) });
        if (spec.transfer === 'accepted') await svc.oversight.recordDecision(team.a, transfer.id, { decision: 'accepted', decisionOn: next(15) });
      }
      summary.transferred.push(created.caseNo);
      done('transferred');
      continue;
    }
    for (const [i, e] of v.evidence.entries()) {
      const collectedOn = next(i === 0 ? 2 : 3);
      const measure = e.kind === 'seizure' ? { measureStartOn: collectedOn, measureEndOn: addDays(collectedOn, 30) } : {};
      await svc.cases.act(team.a, id, 'add_evidence', { ...e, collectedOn, officerIds: team.ids, place: '当事人经营场所', interviewee: e.kind === 'inquiry' ? `${rng.pick(SURNAMES)}某` : null, ...measure });
    }
    if (spec.supervised && admin) {
      await svc.cases.act(admin, id, 'supervise', { reason: '涉及公共安全，社会关注度高，列为市局督办案件', reportDates: [addDays(today, 1), addDays(today, 31)], documentNo: `淮市监督〔${today.slice(0, 4)}〕${seq}号` });
      // Report dates must be in the future when set; the first one is moved into the past, unreported, so the demo shows an overdue report.
      const [first] = await tx.select({ id: caseProgressReports.id }).from(caseProgressReports).where(eq(caseProgressReports.caseId, id)).orderBy(asc(caseProgressReports.dueOn)).limit(1);
      if (first) await tx.update(caseProgressReports).set({ dueOn: addDays(today, -3) }).where(eq(caseProgressReports.id, first.id));
      summary.supervised = created.caseNo;
    }
    if (spec.joint) {
      const view = await svc.cases.act(team.a, id, 'add_party', { externalName: JOINT_EXTERNAL, externalRegion: '江苏省宿迁市宿城区', role: 'assisting', contact: '稽查科 张科长 0527-84000000' });
      const party = view.parties.find((p) => p.name === JOINT_EXTERNAL);
      if (party) await svc.oversight.addTask(team.a, id, party.id, { title: '协查当事人在宿城区的仓储和销售情况', dueOn: addDays(today, 15) });
      summary.joint = created.caseNo;
    }
    if (!reached(spec, 'reviewing')) {
      done(spec.stage);
      continue;
    }
    await svc.cases.act(team.a, id, 'submit_review', { note: '调查终结，提交法制审核' });
    if (!reached(spec, 'notified')) {
      done('reviewing');
      continue;
    }
    await svc.cases.act(reviewer, id, 'review', { result: 'approved', opinion: '事实清楚，证据确凿，适用法律正确，程序合法，裁量适当' });
    const reviewedOn = next(Math.min(50, Math.round(span * 0.35)));
    await backdateReview(tx, id, reviewedOn);
    const penalties: Penalty[] = (<Penalty[]>(
      v.warningOnly
        ? [{ type: 'warning' as const }]
        : [
            ...(v.confiscation ? [{ type: 'confiscation' as const }] : []),
            { type: 'fine' as const, amount: within(v.fine, level.fineMin, level.fineMax) },
            ...(v.gains ? [{ type: 'confiscation_gains' as const, amount: v.gains }] : []),
          ]
    )).filter((p) => level.penaltyTypes.includes(p.type));
    const wording = penalties.map((p) => (p.type === 'warning' ? '警告' : p.type === 'confiscation' ? '没收违法生产、销售的产品' : `${p.type === 'fine' ? '罚款' : '没收违法所得'}人民币${p.amount}元`)).join('；');
    // Cases still waiting for the party's defence or hearing were notified days ago; the others long enough ago for the period to have passed.
    const notifiedOn = spec.stage === 'notified' || spec.stage === 'hearing' ? clampToday(workday(addDays(today, -2)), today) : next(2);
    if (notifiedOn < reviewedOn) await backdateReview(tx, id, notifiedOn);
    last = notifiedOn > last ? notifiedOn : last;
    const notified = await svc.cases.act(team.a, id, 'notify', {
      notifiedOn,
      intendedPenalty: { penalties, wording: `拟${wording}`, violation: v.violation, legalBasis: rule.penaltyProvision, discretionRuleKey: rule.key, discretionLevel: level.level },
      officerIds: team.ids,
    });
    if (spec.hearing) {
      await svc.cases.act(team.a, id, 'record_defence', { statement: '当事人对违法事实无异议，认为罚款数额过高，要求举行听证', hearingRequested: true });
    }
    if (!reached(spec, 'decided')) {
      done(spec.stage === 'hearing' ? 'hearing' : 'notified');
      continue;
    }
    // Decided once the party's defence period (5 working days) is over.
    const defenceDue = notified.deadlines.defence?.dueOn ?? addDays(notifiedOn, 7);
    last = defenceDue > last ? defenceDue : last;
    const decidedOn = next(1 + rng.int(3));
    await svc.cases.act(head, id, 'decide', { decidedOn, penalties, violation: v.violation, legalBasis: rule.penaltyProvision, discretionRuleKey: rule.key, discretionLevel: level.level });
    if (spec.publishAfter !== null && spec.publishAfter !== undefined && !v.warningOnly) {
      const view = await svc.publication.publish(team.a, id, { publishedOn: clampToday(workday(addDays(decidedOn, spec.publishAfter)), today) });
      if (view.period === 'short') summary.published.short++;
      else summary.published.long++;
    }
    if (!reached(spec, 'served')) {
      done('decided');
      continue;
    }
    const servedOn = next(3);
    await svc.cases.act(team.a, id, 'serve', { servedOn, method: rng.pick(['直接送达', '邮寄送达', '电子送达']), officerIds: team.ids });
    const due = penalties.reduce((s, p) => s + (p.type === 'fine' || p.type === 'confiscation_gains' ? p.amount ?? 0 : 0), 0);
    if (spec.stage === 'served') {
      done('served');
      continue;
    }
    if (spec.execution === 'court') await svc.cases.act(team.a, id, 'apply_enforcement', { appliedOn: next(20), court: `${DEMO_REGIONS.find((r) => r.code === spec.region)?.localPrefix ?? '淮安市'}人民法院` });
    else if (due > 0) await svc.cases.act(team.a, id, 'record_payment', { amount: spec.execution === 'partial' ? Math.round(due / 3) : due, paidOn: next(10 + rng.int(5)) });
    if (spec.stage === 'executing') {
      done('executing');
      continue;
    }
    await svc.cases.act(head, id, 'close', { closingSummary: due > 0 ? '罚没款已全部缴清，处罚决定执行完毕，予以结案' : '处罚决定已送达并执行完毕，予以结案', closedOn: next(5) });
    done('closed');
  }

  // The cluster 盱眙凹土产业集群 (the generator's tag) with a quality risk notice awaiting 盱眙县人民政府's reply, and a measure.
  const xuyi = await as('xuyi.officer');
  if (xuyi) {
    const cluster = await svc.clusters.create(cityOfficer, { name: DEMO_CLUSTER, regionCode: '320830', memberMode: 'tag', tag: DEMO_CLUSTER, industry: '凹凸棒石粘土制品', description: '盱眙县凹凸棒石粘土（凹土）开采、加工及干燥剂、吸附剂等制品企业' });
    const notice = await svc.clusters.issueNotice(cityOfficer, cluster.id, {
      government: '盱眙县人民政府',
      issuedOn: workday(addDays(today, -12)),
      problems: [
        { title: '冒用他人厂名厂址、质量标志问题突出', detail: '集群内部分企业的凹土干燥剂包装冒用外省企业厂名、厂址，已立案查处。', evidence: clusterCases.map((c) => ({ type: 'case' as const, ref: c.id, label: `案件 ${c.caseNo}` })) },
        { title: '出厂检验能力不足', detail: '多数小微企业无吸附率等项目的出厂检验能力，产品质量稳定性差。', evidence: [{ type: 'text' as const, ref: '-', label: `集群企业 ${cluster.memberCount} 家` }] },
      ],
      recommendations: '建议县政府牵头组织凹土产业质量提升行动：推动共建共享检验检测平台，开展标准宣贯和技术帮扶，引导企业规范标注产品标识，对违法行为保持高压态势。',
      replyDueOn: addDays(today, 20),
    });
    await svc.clusters.addMeasure(cityOfficer, cluster.id, { kind: 'technical_guidance', takenOn: workday(addDays(today, -8)), description: '组织集群企业开展凹土干燥剂相关标准宣贯培训，32 家企业参加' });
    summary.cluster = { name: cluster.name, members: cluster.memberCount, noticeNo: notice.documentNo };
  }

  // The timeline at the acts' dates (the events are written at the time of the load).
  await tx.execute(sql`
    update ${caseEvents} e set at = coalesce((coalesce(
      e.data->>'openedOn', e.data->>'collectedOn', e.data->>'notifiedOn', e.data->>'decidedOn', e.data->>'servedOn',
      e.data->>'paidOn', e.data->>'appliedOn', e.data->>'closedOn', e.data->>'transferredOn', e.data->>'publishedOn',
      case when e.action = 'created' then c.found_on::text when e.action in ('review', 'submit_review') then c.reviewed_on::text end
    ) || ' 10:00:00+08')::timestamptz, e.at)
    from ${cases} c where c.id = e.case_id and e.at::date >= ${today}::date - 1`);
  await services.cases.oversight.syncSupervisionTodos({ today, tx });
  await tx.execute(sql`analyze cases`);
  return summary;
}

/** The review action dates the review today; the demo's past review is dated here (see loadCasesDemo). */
async function backdateReview(tx: Db, id: string, on: string) {
  await tx.update(cases).set({ reviewedOn: on }).where(eq(cases.id, id));
}

function within(amount: number, min: number | null, max: number | null) {
  let a = amount;
  if (min !== null && a < min) a = min;
  if (max !== null && a > max) a = max;
  return a > 0 ? a : 100;
}

/** The date, or the Monday after a weekend. */
function workday(date: string) {
  let d = date;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}
const clampToday = (date: string, today: string) => (date > today ? today : date);

/** The demo summary's lines about cases (printed by `npm run demo`). */
export function formatCasesSummary(c: CasesDemoSummary): string[] {
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ${n}`).join(', ');
  if (c.cases === 0) return ['no enforcement cases'];
  return [
    `${c.cases} enforcement cases by stage: ${list(c.byStage)}; by lead source: ${list(c.bySource)}`,
    `  ${c.published.short + c.published.long} decisions published (${c.published.short} for 3 months, ${c.published.long} for 3 years); supervised ${c.supervised ?? '-'} (a report overdue), joint with ${JOINT_EXTERNAL} ${c.joint ?? '-'}, transferred to the police ${c.transferred.join(', ') || '-'}`,
    ...(c.campaign ? [`  campaign ${c.campaign.name}: lottery revealed (zhijian-draw/2), ${c.campaign.selected} enterprises drawn`] : []),
    ...(c.cluster ? [`  cluster ${c.cluster.name}: ${c.cluster.members} members, risk notice ${c.cluster.noticeNo} awaiting 盱眙县人民政府's reply`] : []),
  ];
}
