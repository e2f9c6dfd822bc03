import type { EquipmentStatus, InspectionConclusion, KeyUnitKind } from './registry.schema.js';

/**
 * The use status of a unit as a state machine (特种设备安全法 §38, §48; TSG 08-2017 特种设备使用管理规则
 * 3.8–3.9):
 *
 * - `in_use` (在用) → `suspended` (停用: taken out of use for a while, 报停) or `scrapped` (报废).
 * - `suspended` → `in_use` (启用: back in use — a unit whose inspection lapsed meanwhile shows overdue
 *   at once), `scrapped`, or `deregistered` (注销: e.g. moved away, 移装).
 * - `scrapped` → `deregistered` (the user must cancel the registration of a scrapped unit, §48).
 * - `deregistered` is final.
 *
 * A unit in use is never deregistered directly: it is first suspended or scrapped.
 */
const ALLOWED: Record<EquipmentStatus, readonly EquipmentStatus[]> = {
  in_use: ['suspended', 'scrapped'],
  suspended: ['in_use', 'scrapped', 'deregistered'],
  scrapped: ['deregistered'],
  deregistered: [],
};

export const canTransition = (from: EquipmentStatus, to: EquipmentStatus): boolean => ALLOWED[from].includes(to);

/** The statuses reachable from `from`. */
export const transitionsFrom = (from: EquipmentStatus): readonly EquipmentStatus[] => ALLOWED[from];

/** A unit that takes no inspection any more (409 INVALID_TRANSITION when one is recorded). */
export const isRetired = (status: EquipmentStatus) => status === 'scrapped' || status === 'deregistered';

export const STATUS_LABELS: Record<EquipmentStatus, string> = { in_use: '在用', suspended: '停用', scrapped: '报废', deregistered: '注销' };

export const KEY_UNIT_LABELS: Record<KeyUnitKind, string> = { school: '学校', hospital: '医院', station: '车站', mall: '商场', scenic_area: '景区', residential: '住宅小区' };

export const CONCLUSION_LABELS: Record<InspectionConclusion, string> = { pass: '合格', pass_with_remarks: '基本符合要求', fail: '不合格' };
