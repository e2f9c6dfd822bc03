/**
 * The special-equipment module's public API (特种设备): the only file other modules import from it.
 * Tables are exported for reading in SQL joins (the enterprise page, the public record, the
 * inspection engine's equipment pools); writes go through the services.
 */
export { EQUIPMENT_STATUSES, type EquipmentStatus, KEY_UNIT_KINDS, type KeyUnitKind, INSPECTION_CONCLUSIONS, type InspectionConclusion, equipmentUnits, equipmentCategories } from './registry/registry.schema.js';
export { TIERS, type Tier, equipmentUserTiers } from './tiers/tiers.schema.js';
export type { EquipmentServices } from './equipment.services.js';
