/** Calls of the special-equipment registry and periodic-inspection pages (issue 16's Contract). */
import { api } from '../../api/client';
import type { BodyOf, ExportFormat, ImportResult, ListResult, QueryOf, ResponseOf } from '../../api/types';
import { exportUrl, importFile, type ImportMode } from '../../app/files/files.api';

// The API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type Unit = ResponseOf<'/api/equipment/{id}', 'get'>;
export type UnitQuery = QueryOf<'/api/equipment', 'get'>;
export type UnitInput = BodyOf<'/api/equipment', 'post'>;
export type UnitChange = BodyOf<'/api/equipment/{id}', 'patch'>;
export type UnitEvent = ResponseOf<'/api/equipment/{id}/history', 'get'>['items'][number];
export type Category = ResponseOf<'/api/equipment-categories', 'get'>['items'][number];
export type CategoryInput = BodyOf<'/api/equipment-categories', 'post'>;
export type CategoryChange = BodyOf<'/api/equipment-categories/{code}', 'patch'>;
export type Inspection = ResponseOf<'/api/equipment/{id}/inspections', 'get'>['items'][number];
export type InspectionInput = BodyOf<'/api/equipment/{id}/inspections', 'post'>;
/** The answer to recording an inspection: the inspection and the unit's due date and flags after it. */
export type RecordedInspection = ResponseOf<'/api/equipment/{id}/inspections', 'post'>;
export type DueQuery = QueryOf<'/api/equipment/due', 'get'>;
export type DueRule = ResponseOf<'/api/equipment-due-rules', 'get'>['items'][number];
export type DueRuleInput = BodyOf<'/api/equipment-due-rules', 'post'>;
export type DueRuleChange = BodyOf<'/api/equipment-due-rules/{id}', 'patch'>;
export type Overview = ResponseOf<'/api/equipment-stats/overview', 'get'>;
export type OverviewQuery = QueryOf<'/api/equipment-stats/overview', 'get'>;
export type SelfCorrection = ResponseOf<'/api/equipment-stats/self-correction', 'get'>;
export type SelfCorrectionQuery = QueryOf<'/api/equipment-stats/self-correction', 'get'>;

export type EquipmentStatus = Unit['status'];
export type KeyUnitKind = NonNullable<Unit['keyUnitKind']>;
export type Conclusion = Inspection['conclusion'];
export type InspectionKind = Inspection['kind'];

// Enumerations in display order; a Record makes the compiler insist on every value.
const STATUS_ORDER: Record<EquipmentStatus, number> = { in_use: 1, suspended: 2, scrapped: 3, deregistered: 4 };
export const EQUIPMENT_STATUSES = Object.keys(STATUS_ORDER) as EquipmentStatus[];
/** Kinds of place whose units are key units (SAMR Order 57 §9). */
const KEY_UNIT_ORDER: Record<KeyUnitKind, number> = { school: 1, hospital: 2, station: 3, mall: 4, scenic_area: 5, residential: 6 };
export const KEY_UNIT_KINDS = Object.keys(KEY_UNIT_ORDER) as KeyUnitKind[];
const CONCLUSION_ORDER: Record<Conclusion, number> = { pass: 1, pass_with_remarks: 2, fail: 3 };
export const CONCLUSIONS = Object.keys(CONCLUSION_ORDER) as Conclusion[];
const KIND_ORDER: Record<InspectionKind, number> = { periodic: 1, internal: 2, external: 3 };
export const INSPECTION_KINDS = Object.keys(KIND_ORDER) as InspectionKind[];

/** The boilers' top category: their inspections are internal or external. */
export const BOILER = '1000';
/** Pressure vessels: the only category with a safety grade (1–5). */
export const PRESSURE_VESSEL = '2000';

const path = (id: string) => `/api/equipment/${encodeURIComponent(id)}`;
const categoryPath = (code: string) => `/api/equipment-categories/${encodeURIComponent(code)}`;
const rulePath = (id: string) => `/api/equipment-due-rules/${encodeURIComponent(id)}`;

/** Writes to an editable record take the `version` it was loaded with (If-Match; 412 when it changed meanwhile). */
export const equipmentApi = {
  list: (query: UnitQuery) => api.get<ListResult<Unit>>('/api/equipment', query),
  get: (id: string) => api.get<Unit>(path(id)),
  create: (input: UnitInput) => api.post<Unit>('/api/equipment', input),
  update: (id: string, input: UnitChange, version: number) => api.patch<Unit>(path(id), input, version),
  transition: (id: string, to: EquipmentStatus, reason: string, version: number) => api.post<Unit>(`${path(id)}/transitions`, { to, reason }, version),
  history: (id: string) => api.get<ListResult<UnitEvent>>(`${path(id)}/history`),
  inspections: (id: string) => api.get<ListResult<Inspection>>(`${path(id)}/inspections`, { pageSize: 100 }),
  recordInspection: (id: string, input: InspectionInput) => api.post<RecordedInspection>(`${path(id)}/inspections`, input),
  due: (query: DueQuery) => api.get<ListResult<Unit>>('/api/equipment/due', query),
  import: (file: File, mode: ImportMode): Promise<ImportResult> => importFile('/api/equipment/import', file, mode),
  /** The import file's header row, to fill in. */
  templateUrl: (format: ExportFormat) => `/api/equipment/import/template?format=${format}`,
  /** The download address of the list under `query` (same filters). */
  exportUrl: (format: ExportFormat, query: UnitQuery) => exportUrl('/api/equipment/export', format, query),

  categories: () => api.get<ListResult<Category>>('/api/equipment-categories'),
  createCategory: (input: CategoryInput) => api.post<Category>('/api/equipment-categories', input),
  updateCategory: (code: string, input: CategoryChange, version: number) => api.patch<Category>(categoryPath(code), input, version),

  dueRules: () => api.get<ListResult<DueRule>>('/api/equipment-due-rules'),
  createDueRule: (input: DueRuleInput) => api.post<DueRule>('/api/equipment-due-rules', input),
  updateDueRule: (id: string, input: DueRuleChange, version: number) => api.patch<DueRule>(rulePath(id), input, version),
  deleteDueRule: (id: string, version: number) => api.del(rulePath(id), version),

  overview: (query: OverviewQuery) => api.get<Overview>('/api/equipment-stats/overview', query),
  selfCorrection: (query: SelfCorrectionQuery) => api.get<SelfCorrection>('/api/equipment-stats/self-correction', query),
};
