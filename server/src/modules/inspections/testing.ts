import { gunzipSync } from 'node:zlib';
import type { Actor } from '../../platform/access/actor.js';
import type { TestEnv } from '../../test/app.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import { makeEnterprise } from '../enterprises/testing.js';

/** The current year in China: plans for it need no reason (a year already past answers PLAN_IN_PAST). */
export const CURRENT_YEAR = Number(todayInChina().slice(0, 4));

let seq = 0;

/** An inspection item owned by a city section, with a checklist of every answer type. */
export async function makeItem(env: TestEnv, opts: { specialty?: string } = {}) {
  const section = (await env.services.jurisdiction.listOrgs(env.admin, { type: 'city_section' }, { page: 1, pageSize: 50 })).items[0]!;
  return env.services.inspectionItems.create(env.ctx, {
    name: `产品质量监督检查${++seq}-${Date.now()}`,
    sectionId: section.id,
    legalBasis: '《中华人民共和国产品质量法》第十五条',
    targetKind: 'enterprise',
    specialty: opts.specialty ?? null,
    checklist: [
      { key: 'licence_valid', text: '是否持有有效许可证', answerType: 'yes_no', required: true, finding: { text: '无有效许可证', severity: 'major' } },
      { key: 'records_kept', text: '是否建立进货查验记录', answerType: 'yes_no', required: true, finding: { text: '未建立进货查验记录', severity: 'minor' } },
      { key: 'staff', text: '从业人员数', answerType: 'number', required: false },
      { key: 'remarks', text: '其他情况', answerType: 'text', required: false },
      { key: 'site_photo', text: '现场照片', answerType: 'photo', required: false },
    ],
    resultCategories: ['未发现问题', '发现问题已责令整改', '发现问题已立案'],
  });
}

/** A user of the inspector pool in the region's bureau, with their actor. */
export async function makeInspector(env: TestEnv, regionCode: string, profile: { conflicts?: string[]; specialties?: string[] } = {}) {
  const user = await env.makeUser({ roles: ['inspector'], regionCode });
  await env.services.inspectors.put(env.ctx, user.id, { certificateNo: `苏执${Date.now()}${++seq}`, ...profile });
  return { user, actor: (await env.services.users.loadActor(user.id)) as Actor };
}

/** A user with the given roles in the region's bureau, as an actor for service calls. */
export async function actorOf(env: TestEnv, roles: string[], regionCode: string) {
  const user = await env.makeUser({ roles, regionCode });
  return { user, actor: (await env.services.users.loadActor(user.id)) as Actor };
}

/** A targeted-check task in 320826 with two inspectors, created by a county officer of 320826. */
export async function makeTargetedTask(env: TestEnv, originNote = '群众反映无证生产') {
  const enterprise = await makeEnterprise(env, { regionCode: '320826' });
  const item = await makeItem(env);
  const a = await makeInspector(env, '320826');
  const b = await makeInspector(env, '320826');
  const { actor: officer } = await actorOf(env, ['county_officer'], '320826');
  const task = await env.services.tasks.create({ actor: officer }, { itemId: item.id, uscc: enterprise.uscc, origin: 'targeted', originNote, inspectorIds: [a.user.id, b.user.id] });
  return { enterprise, item, a: a.actor, b: b.actor, inspectors: [a, b] as const, officer, task };
}

/** A draw record as served (docs/DRAW.md), for tests to read. */
export interface RecordJson {
  id: string;
  status: string;
  version: string;
  commitment: string;
  candidatesHash: string;
  commitStatement?: string;
  cancelReason: string | null;
  secret?: string;
  witnessInput?: string;
  seed?: string;
  blindSecret?: string;
  labels?: Record<string, string>;
  strata: { name: string; n?: number; k: number; candidates: string[]; selected?: string[]; keys?: string[] }[];
  openings?: { blindedId: string; key: string; nonce: string }[];
  inspectorPool?: string[];
  inspectorPoolHash?: string;
  inspectorsPerTask?: number;
  assignments?: { objectKey: string; candidates: string[]; excluded: { inspector: string; rule: string; evidence?: Record<string, unknown> }[]; selected: string[] }[];
  inspectors: { id: string; name: string; certificateNo: string | null }[];
  objects?: { key: string; name: string | null }[];
}

/** The public record of a draw as `GET /api/public/draws/:id` serves it, parsed. */
export async function publicRecordOf(env: TestEnv, id: string): Promise<RecordJson> {
  const doc = await env.services.drawRecords.publicDocument(id);
  return JSON.parse(gunzipSync(doc.body).toString('utf8')) as RecordJson;
}

/** The auditors' record of a draw (`GET /api/draws/:id/audit-record`), read as the administrator, parsed. */
export async function auditRecordOf(env: TestEnv, id: string): Promise<RecordJson> {
  const doc = await env.services.drawRecords.auditDocument(env.ctx, id);
  return JSON.parse(gunzipSync(doc.body).toString('utf8')) as RecordJson;
}

/** The task tables, for tests that move a task's or an order's dates directly (only tests write them from outside). */
export { inspectionTasks, rectificationOrders } from './tasks/tasks.schema.js';
