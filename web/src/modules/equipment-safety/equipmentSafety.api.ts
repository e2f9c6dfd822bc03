/**
 * Calls of the special-equipment safety pages (operators, exams, emergency records, hazards,
 * self-correction, 暗访通报, tiers). Types written after issue 16's contract while the routes were being
 * built; swap them for `ResponseOf<…>` from the generated schema once `npm run api:gen` has them.
 */
import { api } from '../../api/client';
import type { ListResult, PageQuery } from '../../api/types';

export type Category = string;
export type EquipmentStatus = 'in_use' | 'suspended' | 'scrapped' | 'deregistered';
export type Conclusion = 'pass' | 'pass_with_remarks' | 'fail';

/** A unit (设备) as the registry answers it (issue 16's Equipment JSON). */
export interface Unit {
  id: string;
  category: Category;
  subcategory: string | null;
  equipmentCode: string;
  registrationNo: string | null;
  userUscc: string;
  userName: string;
  regionCode: string;
  address: string;
  keyUnitKind: string | null;
  safetyGrade: number | null;
  putIntoServiceOn: string;
  status: EquipmentStatus;
  lastInspectedOn: string | null;
  lastConclusion: Conclusion | null;
  nextInspectionDue: string | null;
  overdue: boolean;
  failedInUse: boolean;
  categoryName?: string;
  version?: number;
}

export interface Certificate {
  id: string;
  operatorId?: string;
  workItem: string;
  workItemName?: string;
  certificateNo: string;
  issuedOn: string;
  expiresOn: string;
  reviewDates?: string[];
  revokedOn?: string | null;
  version?: number;
  /** On the expiring list: whose certificate it is. */
  operatorName?: string;
  employerUscc?: string;
  employerName?: string;
}

export interface Operator {
  id: string;
  name: string;
  /** Masked (`320802********1234`) unless revealed. */
  idNumber: string;
  employerUscc: string;
  employerName?: string | null;
  regionCode: string;
  certificates: Certificate[];
  version: number;
}

export interface CertificateInput {
  workItem: string;
  certificateNo: string;
  issuedOn: string;
  expiresOn?: string;
}

export interface OperatorInput {
  name: string;
  idNumber: string;
  employerUscc: string;
  certificates: CertificateInput[];
}

export interface WorkItem {
  code: string;
  name: string;
  category: string | null;
}

/** 持证上岗率 of a user unit: its units that need a certified operator and whether each has one. */
export interface Coverage {
  userUscc: string;
  needed: number;
  covered: number;
  rate: number | null;
  units: { equipmentId: string; equipmentCode: string; category: string; workItems: string[]; covered: boolean; operators?: string[] }[];
}

export interface ExamSession {
  id: string;
  heldOn: string;
  place: string;
  institutionUscc: string;
  institutionName?: string | null;
  workItems: string[];
  trainingHours: number | null;
  regionCode: string;
  candidates?: ExamCandidate[];
  candidateCount?: number;
  passed?: number;
  decided?: number;
  passRate?: number | null;
  version: number;
}

export interface ExamCandidate {
  id: string;
  operatorId: string;
  operatorName?: string;
  idNumber?: string;
  workItem: string;
  theoryScore: number | null;
  practicalScore: number | null;
  passed: boolean | null;
  certificateId: string | null;
  certificateNo?: string | null;
}

export interface PassRate {
  institutionUscc: string;
  institutionName?: string | null;
  sessions: number;
  candidates: number;
  decided: number;
  passed: number;
  rate: number | null;
}

export interface EmergencyRecord {
  id: string;
  userUscc: string;
  userName?: string | null;
  regionCode: string;
  kind: 'plan' | 'drill';
  title: string;
  on: string;
  participants: number | null;
  note: string | null;
  createdByName: string;
  files?: { id: string; fileName: string }[];
}

export type HazardSource = 'self_inspection' | 'supervision' | 'complaint' | 'periodic_inspection';
export type HazardLevel = 'general' | 'major';
export const HAZARD_SOURCES: HazardSource[] = ['self_inspection', 'supervision', 'complaint', 'periodic_inspection'];
export const HAZARD_LEVELS: HazardLevel[] = ['general', 'major'];

export interface Hazard {
  id: string;
  equipmentId: string | null;
  equipmentCode?: string | null;
  userUscc: string;
  userName?: string | null;
  regionCode: string;
  source: HazardSource;
  foundOn: string;
  description: string;
  level: HazardLevel;
  correctionDueOn: string;
  correctedOn: string | null;
  correctionNote: string | null;
  correctedByKind?: 'enterprise' | 'staff' | null;
  overdue?: boolean;
  noticeId?: string | null;
  countyClosedOn?: string | null;
  countyClosedNote?: string | null;
  files?: { id: string; fileName: string }[];
  version: number;
}

export interface HazardInput {
  equipmentId?: string;
  userUscc: string;
  source: HazardSource;
  foundOn: string;
  description: string;
  level: HazardLevel;
  correctionDueOn: string;
}

export interface SelfInspectionInput {
  userUscc?: string;
  inspectedOn: string;
  note?: string;
  hazards: { equipmentId?: string; description: string; level: HazardLevel; correctionDueOn: string }[];
}

export interface SelfCorrection {
  found: number;
  due: number;
  correctedOnTime: number;
  rate: number | null;
  target: number;
}

export interface Notice {
  id: string;
  documentNo: string;
  title: string;
  toOrgId: string;
  toOrgName?: string | null;
  regionCode: string;
  issuedOn: string;
  replyDueOn: string;
  summary: string | null;
  fileName: string;
  issuedByName: string;
  hazardCount?: number;
  open?: number;
  overdue?: number;
  hazards?: Hazard[];
}

export interface NoticeInput {
  title: string;
  toOrgId: string;
  replyDueOn: string;
  summary?: string;
  hazardIds: string[];
}

export type Tier = 'A' | 'B' | 'C' | 'D';
export interface TierResult {
  tier: Tier;
  score: number;
  modelVersion: number;
  reasons: { factor: string; points: number; detail: string; records?: { type: string; id: string }[] }[];
  computedAt?: string;
}

export interface TierModel {
  id: string;
  version: number;
  effectiveFrom: string;
  config: Record<string, unknown>;
  note: string | null;
  createdByName: string;
  createdAt: string;
}

const enc = encodeURIComponent;
const filesForm = (fields: Record<string, string | number | undefined | null>, files: File[]) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== '') form.append(k, String(v));
  for (const f of files) form.append('files', f, f.name);
  return form;
};

export const eqApi = {
  // registry (owned by the registry part; read here for the enterprise's own units and pickers)
  units: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Unit>>('/api/equipment', q),
  unit: (id: string) => api.get<Unit>(`/api/equipment/${enc(id)}`),

  // operators
  workItems: () => api.get<ListResult<WorkItem>>('/api/operator-work-items', { pageSize: 500 }),
  operators: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Operator>>('/api/equipment-operators', q),
  operator: (id: string, reveal = false) => api.get<Operator>(`/api/equipment-operators/${enc(id)}`, reveal ? { reveal: true } : undefined),
  createOperator: (input: OperatorInput) => api.post<Operator>('/api/equipment-operators', input),
  addCertificate: (operatorId: string, input: CertificateInput) => api.post<Operator>(`/api/equipment-operators/${enc(operatorId)}/certificates`, input),
  renewCertificate: (c: Certificate, input: { issuedOn: string; expiresOn?: string; certificateNo?: string }) =>
    api.post<Certificate>(`/api/operator-certificates/${enc(c.id)}/renew`, input, c.version),
  reviewCertificate: (c: Certificate, input: { reviewedOn: string }) => api.post<Certificate>(`/api/operator-certificates/${enc(c.id)}/review`, input, c.version),
  revokeCertificate: (c: Certificate, input: { revokedOn: string; reason: string }) => api.post<Certificate>(`/api/operator-certificates/${enc(c.id)}/revoke`, input, c.version),
  expiring: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Certificate>>('/api/operator-certificates', { expiringWithin: 90, ...q }),
  coverage: (uscc: string) => api.get<Coverage>(`/api/equipment-users/${enc(uscc)}/operator-coverage`),

  // exams
  exams: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<ExamSession>>('/api/operator-exams', q),
  exam: (id: string) => api.get<ExamSession>(`/api/operator-exams/${enc(id)}`),
  createExam: (input: { heldOn: string; place: string; institutionUscc: string; workItems: string[]; trainingHours?: number }) => api.post<ExamSession>('/api/operator-exams', input),
  addCandidate: (sessionId: string, input: { operatorId: string; workItem: string }) => api.post<ExamCandidate>(`/api/operator-exams/${enc(sessionId)}/candidates`, input),
  recordResult: (sessionId: string, candidateId: string, input: { theoryScore: number | null; practicalScore: number | null; passed?: boolean }) =>
    api.put<ExamCandidate>(`/api/operator-exams/${enc(sessionId)}/candidates/${enc(candidateId)}/result`, input),
  passRates: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<PassRate>>('/api/operator-exams/pass-rates', q),

  // emergency plans and drills
  emergency: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<EmergencyRecord>>('/api/equipment-emergency', q),
  createEmergency: (input: { userUscc?: string; kind: 'plan' | 'drill'; title: string; on: string; participants?: number; note?: string }, files: File[]) =>
    api.postForm<EmergencyRecord>('/api/equipment-emergency', filesForm(input as Record<string, string | number | undefined>, files)),
  emergencyFileUrl: (recordId: string, fileId: string) => `/api/equipment-emergency/${enc(recordId)}/files/${enc(fileId)}`,

  // hazards and self-correction
  hazards: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Hazard>>('/api/equipment-hazards', q),
  hazard: (id: string) => api.get<Hazard>(`/api/equipment-hazards/${enc(id)}`),
  createHazard: (input: HazardInput) => api.post<Hazard>('/api/equipment-hazards', input),
  /** The correction; with evidence files it goes as multipart (same fields). */
  correct: (h: Hazard, input: { correctedOn: string; note: string }, files: File[] = []) =>
    files.length
      ? api.postForm<Hazard>(`/api/equipment-hazards/${enc(h.id)}/correct`, filesForm(input, files))
      : api.post<Hazard>(`/api/equipment-hazards/${enc(h.id)}/correct`, input, h.version),
  hazardFileUrl: (hazardId: string, fileId: string) => `/api/equipment-hazards/${enc(hazardId)}/files/${enc(fileId)}`,
  selfInspection: (input: SelfInspectionInput) => api.post<{ id: string; hazards: Hazard[] }>('/api/equipment-self-inspections', input),
  selfCorrection: (q: { regionCode?: string; year?: number; userUscc?: string }) => api.get<SelfCorrection>('/api/equipment-stats/self-correction', q),

  // 暗访通报
  notices: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Notice>>('/api/equipment-notices', q),
  notice: (id: string) => api.get<Notice>(`/api/equipment-notices/${enc(id)}`),
  createNotice: (input: NoticeInput) => api.post<Notice>('/api/equipment-notices', input),
  noticeDocumentUrl: (id: string) => `/api/equipment-notices/${enc(id)}/document`,
  countyClose: (h: Hazard, input: { closedOn: string; note: string }) => api.post<Hazard>(`/api/equipment-hazards/${enc(h.id)}/county-close`, input, h.version),

  // tiers
  tier: (uscc: string) => api.get<TierResult>(`/api/equipment-users/${enc(uscc)}/tier`),
  tierModels: () => api.get<ListResult<TierModel>>('/api/equipment-tier-models', { pageSize: 100 }),
  createTierModel: (input: { effectiveFrom: string; config: Record<string, unknown>; note?: string }) => api.post<TierModel>('/api/equipment-tier-models', input),
};

