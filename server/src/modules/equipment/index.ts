/**
 * The special-equipment module's public API (特种设备): the only file other modules import from it.
 * Tables are exported for reading in SQL joins (the enterprise page, the public record, the
 * inspection engine's equipment pools); writes go through the services.
 */
export { EQUIPMENT_STATUSES, type EquipmentStatus, KEY_UNIT_KINDS, type KeyUnitKind, INSPECTION_CONCLUSIONS, type InspectionConclusion, equipmentUnits, equipmentCategories } from './registry/registry.schema.js';
export { TIERS, type Tier, equipmentUserTiers } from './tiers/tiers.schema.js';
// Tiers as strata of the inspection engine: `equipmentUserTiers` (user_uscc, region_code, tier) joined by USCC; a user unit without
// a row yet has no tier until the nightly job (or a write of its hazards, accidents, inspections) computes it.
export { TIER_MODEL_V1, type TierModelConfig } from './tiers/tier-model.js';
// Hazards for reading (the enterprise page, the dashboard): the table, its value lists and the self-correction rate (≥ 90 %).
export { HAZARD_LEVELS, HAZARD_SOURCES, type HazardLevel, type HazardSource, equipmentHazards } from './hazards/hazards.schema.js';
export { SELF_CORRECTION_TARGET, type SelfCorrectionFigures, selfCorrectionByCounty, selfCorrectionRate } from './hazards/self-correction.js';
export type { EquipmentServices } from './equipment.services.js';
// The registry's reads: one unit in the reader's scope, the Equipment JSON, the list's conditions (other parts reuse them).
export { type EquipmentFilter, type EquipmentJson, type UnitRow, findUnit, isFailedInUse, isOverdue, overdueCondition, selectUnits, toEquipmentJson, unitColumns, unitConditions, unitScope, unitsByIds } from './registry/unit-reads.js';
// The registry's part of an enterprise's public record (embedded in the enterprises module's public lookup).
export { PUBLIC_EQUIPMENT_OF_E, type PublicEquipmentSummary } from './registry/public-reads.js';
export { CONCLUSION_LABELS, KEY_UNIT_LABELS, STATUS_LABELS as EQUIPMENT_STATUS_LABELS, canTransition as canEquipmentTransition, isRetired } from './registry/states.js';
export { CREDIT_EVENTS_EQUIPMENT } from './credit-events.js';
