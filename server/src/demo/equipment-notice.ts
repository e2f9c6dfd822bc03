import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { equipmentUnits } from '../modules/equipment/registry/registry.schema.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { addDays } from '../platform/calendar/dates.js';
import { orgs } from '../platform/jurisdiction/jurisdiction.schema.js';

/** The county the demo's 暗访通报 goes to (涟水县), and what the city's unannounced checks found there. */
const COUNTY = '320826';
const FINDINGS: { category: string; description: string; level: 'general' | 'major' }[] = [
  { category: '3000', description: '暗访发现：电梯轿厢内使用标志超过下次检验日期仍在运行，维保记录缺失', level: 'major' },
  { category: '3000', description: '暗访发现：电梯紧急报警装置无法与值班室通话', level: 'general' },
  { category: '5000', description: '暗访发现：叉车司机无证作业，车辆未张贴使用标志', level: 'major' },
  { category: '2000', description: '暗访发现：压力容器安全阀校验超期，压力表无检定标识', level: 'general' },
];

type Ctx = RequestContext & { actor: Actor };

/**
 * The city bureau's unannounced checks (暗访) in 涟水县 and its 暗访通报 to the county bureau, through
 * the hazards and supervision services: the city officer records each finding as a supervision
 * hazard on a unit in use there, issues the notice (its .docx generated and kept, the county's to-do
 * with the reply date raised); the county officer reports the first hazard closed, the rest stay open.
 */
export async function loadNoticeDemo(tx: Db, services: Services, city: Ctx, county: Ctx | null, today: string): Promise<{ notices: number; hazards: number; open: number }> {
  const [bureau] = await tx.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.type, 'county_bureau'), eq(orgs.regionCode, COUNTY), eq(orgs.active, true)));
  if (!bureau) return { notices: 0, hazards: 0, open: 0 };
  const hazardIds: string[] = [];
  for (const [i, f] of FINDINGS.entries()) {
    const [unit] = await tx
      .select({ id: equipmentUnits.id })
      .from(equipmentUnits)
      .where(and(eq(equipmentUnits.regionCode, COUNTY), eq(equipmentUnits.category, f.category), eq(equipmentUnits.status, 'in_use'), inArray(equipmentUnits.keyUnitKind, ['mall', 'residential', 'school', 'hospital'])))
      .orderBy(asc(equipmentUnits.equipmentCode))
      .limit(1)
      .offset(i);
    const [any] = unit ? [unit] : await tx.select({ id: equipmentUnits.id }).from(equipmentUnits).where(and(eq(equipmentUnits.regionCode, COUNTY), eq(equipmentUnits.status, 'in_use'))).orderBy(asc(equipmentUnits.equipmentCode)).limit(1).offset(i);
    if (!any) continue;
    const foundOn = addDays(today, -6);
    const hazard = await services.equipment.hazards.create(city, { equipmentId: any.id, source: 'supervision', foundOn, description: f.description, level: f.level, correctionDueOn: addDays(foundOn, f.level === 'major' ? 10 : 20) });
    hazardIds.push(hazard.id);
  }
  if (hazardIds.length === 0) return { notices: 0, hazards: 0, open: 0 };
  await services.equipment.supervision.issue(city, {
    toOrgId: bureau.id,
    hazardIds,
    summary: '市局于近期对涟水县部分商场、住宅小区和工业企业的特种设备使用情况开展了暗访检查，发现以下隐患，请督促使用单位限期整改，并按期报告整改闭环情况。',
  });
  let open = hazardIds.length;
  if (county) {
    await services.equipment.supervision.countyClose(county, hazardIds[0]!, { closedOn: addDays(today, -1), note: '县局已现场复查，使用单位已完成整改' });
    open--;
  }
  return { notices: 1, hazards: hazardIds.length, open };
}
