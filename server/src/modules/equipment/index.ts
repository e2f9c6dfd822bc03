/**
 * The special-equipment module's public API (特种设备): the only file other modules import from it.
 * Tables are exported for reading in SQL joins (the enterprise page, the public record, the
 * inspection engine's equipment pools); writes go through the services.
 */
export { EQUIPMENT_STATUSES, type EquipmentStatus, KEY_UNIT_KINDS, type KeyUnitKind, INSPECTION_CONCLUSIONS, type InspectionConclusion, equipmentUnits, equipmentCategories } from './registry/registry.schema.js';
export { TIERS, type Tier, equipmentUserTiers } from './tiers/tiers.schema.js';
export type { EquipmentServices } from './equipment.services.js';
// The registry's reads: one unit in the reader's scope, the Equipment JSON, the list's conditions (other parts reuse them).
export { type EquipmentFilter, type EquipmentJson, type UnitRow, findUnit, isFailedInUse, isOverdue, overdueCondition, selectUnits, toEquipmentJson, unitColumns, unitConditions, unitScope, unitsByIds } from './registry/unit-reads.js';
export { CONCLUSION_LABELS, KEY_UNIT_LABELS, STATUS_LABELS as EQUIPMENT_STATUS_LABELS, canTransition as canEquipmentTransition, isRetired } from './registry/states.js';
