/** Seeding for the inspection-task journeys: an item, a county's inspectors, enterprises, a plan and (through the API) its revealed draw. */
import type { ResponseOf } from '../../web/src/api/types';
import { ApiSession, type Enterprise, type User } from './api';
import { USER_PASSWORD, unique } from './env';

type Item = ResponseOf<'/api/inspection-items/{id}', 'get'>;
type Task = ResponseOf<'/api/inspection-tasks', 'get'>['items'][number];

/** The checklist of the seeded item: two yes/no questions with findings, a number and a photo. */
export const CHECKLIST = {
  licence: { key: 'licence_valid', text: '是否持有有效许可证', finding: '无有效许可证' },
  records: { key: 'records_kept', text: '是否建立进货查验记录', finding: '未建立进货查验记录' },
  staff: { key: 'staff', text: '从业人员数' },
  photo: { key: 'site_photo', text: '现场照片' },
} as const;
export const RESULT_CATEGORIES = ['未发现问题', '发现问题已责令整改', '发现问题已立案'];

export interface PlannedSeed {
  item: Item;
  inspectors: User[];
  officer: User;
  officerSession: ApiSession;
  enterprises: Enterprise[];
  /** The plan drawing every enterprise, not drawn yet. */
  plan: { id: string; name: string };
}

export interface InspectionSeed extends PlannedSeed {
  tasks: Task[];
}

/**
 * In `regionCode`: an item needing a unique specialty (so only this seed's two inspectors are
 * eligible, whatever else is in the county's pool), a county officer, `count` enterprises with a
 * unique tag, a pool over that tag and the officer's plan drawing all of them (not drawn yet).
 */
export async function seedPlannedTasks(admin: ApiSession, regionCode: string, count = 2): Promise<PlannedSeed> {
  const u = unique();
  const specialty = `专业${u}`;
  const orgs = await admin.orgs();
  const section = orgs.find((o) => o.type === 'city_section');
  const bureau = orgs.find((o) => o.type === 'county_bureau' && o.regionCode === regionCode);
  if (!section || !bureau) throw new Error(`no city section or no county bureau for ${regionCode}`);

  const item = await admin.post<Item>('/api/inspection-items', {
    name: `食品经营监督检查${u}`,
    sectionId: section.id,
    legalBasis: '《中华人民共和国食品安全法》第一百一十条',
    targetKind: 'enterprise',
    specialty,
    checklist: [
      { key: CHECKLIST.licence.key, text: CHECKLIST.licence.text, answerType: 'yes_no', required: true, finding: { text: CHECKLIST.licence.finding, severity: 'major' } },
      { key: CHECKLIST.records.key, text: CHECKLIST.records.text, answerType: 'yes_no', required: true, finding: { text: CHECKLIST.records.finding, severity: 'minor' } },
      { key: CHECKLIST.staff.key, text: CHECKLIST.staff.text, answerType: 'number', required: true },
      { key: CHECKLIST.photo.key, text: CHECKLIST.photo.text, answerType: 'photo', required: false },
    ],
    resultCategories: RESULT_CATEGORIES,
  });

  const inspectors: User[] = [];
  for (let i = 0; i < 2; i++) {
    const user = await admin.createUser({ username: `insp${u}${i}`, password: USER_PASSWORD, displayName: `检查员${u.slice(-4)}${i}`, orgId: bureau.id, roles: ['inspector'] });
    await admin.call('PUT', `/api/inspectors/${user.id}`, { certificateNo: `苏执E2E${u}${i}`, specialties: [specialty] });
    inspectors.push(user);
  }
  const officer = await admin.createUser({ username: `off${u}`, password: USER_PASSWORD, displayName: `科员${u.slice(-4)}`, orgId: bureau.id, roles: ['county_officer'] });
  const officerSession = await ApiSession.login(officer.username, USER_PASSWORD);

  const tag = `抽查${u}`;
  const enterprises: Enterprise[] = [];
  for (let i = 0; i < count; i++) enterprises.push(await admin.createEnterprise({ name: `检查对象${u}${i}有限公司`, regionCode, tags: [tag] }));

  const pool = await officerSession.post<{ id: string }>('/api/object-pools', { name: `对象库${u}`, filter: { tag } });
  const plan = await officerSession.post<{ id: string; name: string }>('/api/inspection-plans', {
    name: `${new Date().getFullYear()} 年食品经营抽查${u}`,
    year: new Date().getFullYear(),
    itemId: item.id,
    poolId: pool.id,
    quarters: [1, 2, 3, 4],
    mode: 'all',
    inspectorsPerTask: 2,
  });
  return { item, inspectors, officer, officerSession, enterprises, plan };
}

/** The tasks a revealed draw made: one per enterprise of the seed. */
export async function tasksOfDraw(seed: PlannedSeed, drawId: string): Promise<Task[]> {
  const tasks = (await seed.officerSession.get<{ items: Task[] }>(`/api/inspection-tasks?drawId=${drawId}`)).items;
  if (tasks.length !== seed.enterprises.length) throw new Error(`the draw made ${tasks.length} tasks, expected ${seed.enterprises.length}`);
  return tasks;
}

/** seedPlannedTasks, with the plan's draw committed and revealed by the officer through the API. */
export async function seedDrawnTasks(admin: ApiSession, regionCode: string, count = 2): Promise<InspectionSeed> {
  const seed = await seedPlannedTasks(admin, regionCode, count);
  const draw = await seed.officerSession.post<{ id: string }>(`/api/inspection-plans/${seed.plan.id}/draws`);
  await seed.officerSession.post(`/api/draws/${draw.id}/reveal`, { witnessInput: `见证人 ${unique()}` });
  return { ...seed, tasks: await tasksOfDraw(seed, draw.id) };
}

/** A 1×1 PNG, as a site photo to upload. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
