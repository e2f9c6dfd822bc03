import type { Actor } from '../../platform/access/actor.js';
import type { TestEnv } from '../../test/app.js';
import { todayInChina } from '../../platform/calendar/dates.js';

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
