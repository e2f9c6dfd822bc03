/**
 * Calls of the special-equipment registry and periodic-inspection pages (issue 16's Contract).
 * Types written after the contract while the routes were being built; swap them for
 * `ResponseOf<…>` from the generated schema once `npm run api:gen` has the routes.
 */
import { api } from '../../api/client';
import type { ExportFormat, ImportResult, ListResult, PageQuery } from '../../api/types';
import { exportUrl, importFile, type ImportMode } from '../../app/files/files.api';

export const EQUIPMENT_STATUSES = ['in_use', 'suspended', 'scrapped', 'deregistered'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

/** Kinds of place whose units are key units (SAMR Order 57 §9). */
export const KEY_UNIT_KINDS = ['school', 'hospital', 'station', 'mall', 'scenic_area', 'residential'] as const;
export type KeyUnitKind = (typeof KEY_UNIT_KINDS)[number];

export const CONCLUSIONS = ['pass', 'pass_with_remarks', 'fail'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

export const INSPECTION_KINDS = ['periodic', 'internal', 'external'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** The boilers' top category: their inspections are internal or external. */
export const BOILER = '1000';
/** Pressure vessels: the only category with a safety grade (1–5). */
export const PRESSURE_VESSEL = '2000';

/** A unit (设备) as the registry answers it. */
export interface Unit {
  id: string;
  category: string;
  categoryName?: string;
  subcategory: string | null;
  subcategoryName?: string | null;
  equipmentCode: string;
  registrationNo: string | null;
  userUscc: string;
  userName: string;
  regionCode: string;
  regionName?: string | null;
  address: string;
  manufacturer?: string | null;
  model?: string | null;
  factoryNo?: string | null;
  keyUnitKind: KeyUnitKind | null;
  safetyGrade: number | null;
  putIntoServiceOn: string;
  status: EquipmentStatus;
  lastInspectedOn: string | null;
  lastConclusion: Conclusion | null;
  nextInspectionDue: string | null;
  overdue: boolean;
  failedInUse: boolean;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface UnitQuery extends PageQuery {
  category?: string;
  status?: EquipmentStatus;
  regionCode?: string;
  userUscc?: string;
  overdue?: boolean;
  dueWithin?: number;
  keyUnitKind?: KeyUnitKind;
  q?: string;
  sort?: string;
}

export interface UnitInput {
  category: string;
  subcategory?: string | null;
  equipmentCode: string;
  registrationNo?: string | null;
  userUscc: string;
  regionCode: string;
  address: string;
  manufacturer?: string | null;
  model?: string | null;
  factoryNo?: string | null;
  putIntoServiceOn: string;
  keyUnitKind?: KeyUnitKind | null;
  safetyGrade?: number | null;
  /** A first due date, when known at registration (else the rules' `first` basis gives it). */
  nextInspectionDue?: string | null;
}

/** One periodic inspection of a unit. */
export interface Inspection {
  id: string;
  equipmentId: string;
  kind: InspectionKind;
  institution: string;
  inspectedOn: string;
  reportNo: string;
  conclusion: Conclusion;
  /** The due date this inspection set (null when it left it unchanged: a fail). */
  nextDue?: string | null;
  /** The unit's due date after the inspection (the answer to recording one). */
  nextInspectionDue?: string | null;
  recordedByName?: string;
  createdAt?: string;
}

export interface InspectionInput {
  inspectedOn: string;
  kind?: InspectionKind;
  institution: string;
  reportNo: string;
  conclusion: Conclusion;
}

/** One entry of a unit's history. */
export interface UnitEvent {
  id: string;
  kind: string;
  fromStatus: EquipmentStatus | null;
  toStatus: EquipmentStatus | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actorName: string;
  at: string;
}

/** An entry of the catalogue (特种设备目录): a top category (`parentCode` null) or a subcategory. */
export interface Category {
  code: string;
  parentCode: string | null;
  name: string;
  needsOperator: boolean;
  operatorWorkItems: string[];
  builtin: boolean;
  sort: number;
  version: number;
}

export interface CategoryInput {
  code: string;
  parentCode?: string | null;
  name: string;
  needsOperator?: boolean;
  operatorWorkItems?: string[];
  sort?: number;
}

/** When the next periodic inspection is due, per category (and subcategory, kind, safety grade). */
export interface DueRule {
  id: string;
  category: string;
  subcategory: string | null;
  kind: InspectionKind | null;
  safetyGrade: number | null;
  basis: 'periodic' | 'first';
  intervalMonths: number;
  note: string | null;
  version: number;
}

export type DueRuleInput = Omit<DueRule, 'id' | 'version'>;

/** The dashboard's figures (GET /api/equipment-stats/overview). */
export interface Overview {
  year: number;
  regionCode: string | null;
  today: string;
  /** Units in use or suspended, by top category and by county. */
  units: { total: number; byCategory: Record<string, number>; byRegion: Record<string, number> };
  /** Inspections of the year done by their due date ÷ those due (null when none was due). */
  inspections: { total: number; onTime: number; onTimeRate: number | null };
  overdue: number;
  failedInUse: number;
  hazards: { open: number; closed: number };
  certifiedOperatorRate: number | null;
  selfCorrectionRate: number | null;
  selfCorrectionTarget: number;
}

export interface SelfCorrection {
  found: number;
  due: number;
  correctedOnTime: number;
  rate: number | null;
  target: number;
}

const path = (id: string) => `/api/equipment/${encodeURIComponent(id)}`;

export const equipmentApi = {
  list: (query: UnitQuery) => api.get<ListResult<Unit>>('/api/equipment', query),
  get: (id: string) => api.get<Unit>(path(id)),
  create: (input: UnitInput) => api.post<Unit>('/api/equipment', input),
  /** `version`: the unit's version as loaded (If-Match; 412 when it changed meanwhile). */
  update: (id: string, input: Partial<UnitInput>, version?: number) => api.patch<Unit>(path(id), input, version),
  transition: (id: string, to: EquipmentStatus, reason: string, version?: number) => api.post<Unit>(`${path(id)}/transitions`, { to, reason }, version),
  history: (id: string) => api.get<ListResult<UnitEvent>>(`${path(id)}/history`),
  inspections: (id: string) => api.get<ListResult<Inspection>>(`${path(id)}/inspections`, { pageSize: 100 }),
  recordInspection: (id: string, input: InspectionInput) => api.post<Inspection>(`${path(id)}/inspections`, input),
  due: (query: { within?: number; regionCode?: string } & PageQuery) => api.get<ListResult<Unit>>('/api/equipment/due', query),
  import: (file: File, mode: ImportMode): Promise<ImportResult> => importFile('/api/equipment/import', file, mode),
  /** The download address of the list under `query` (same filters). */
  exportUrl: (format: ExportFormat, query: UnitQuery) => exportUrl('/api/equipment/export', format, query),

  categories: () => api.get<ListResult<Category>>('/api/equipment-categories'),
  createCategory: (input: CategoryInput) => api.post<Category>('/api/equipment-categories', input),
  updateCategory: (code: string, input: Partial<CategoryInput>, version?: number) =>
    api.patch<Category>(`/api/equipment-categories/${encodeURIComponent(code)}`, input, version),

  dueRules: () => api.get<ListResult<DueRule>>('/api/equipment-due-rules'),
  createDueRule: (input: DueRuleInput) => api.post<DueRule>('/api/equipment-due-rules', input),
  updateDueRule: (id: string, input: Partial<DueRuleInput>, version?: number) => api.patch<DueRule>(`/api/equipment-due-rules/${encodeURIComponent(id)}`, input, version),
  deleteDueRule: (id: string, version?: number) => api.del(`/api/equipment-due-rules/${encodeURIComponent(id)}`, version),

  overview: (query: { regionCode?: string; year?: number }) => api.get<Overview>('/api/equipment-stats/overview', query),
  selfCorrection: (query: { regionCode?: string; year?: number }) => api.get<SelfCorrection>('/api/equipment-stats/self-correction', query),
};
