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
  /** Today valid: not revoked, issued, not expired. */
  valid?: boolean;
}

/** A certificate on the expiring list, with whose it is. */
export interface ExpiringCertificate {
  id: string;
  operatorId: string;
  operatorName: string;
  idNumber: string;
  employerUscc: string;
  employerName: string | null;
  workItem: string;
  workItemName: string;
  certificateNo: string;
  issuedOn: string;
  expiresOn: string;
  daysLeft: number;
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
  uscc: string;
  name: string;
  needing: number;
  covered: number;
  rate: number | null;
  units: { id: string; equipmentCode: string; registrationNo: string | null; category: string; categoryName: string; workItems: string[]; covered: boolean }[];
  expiring: ExpiringCertificate[];
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
  candidates: number;
  decided: number;
  passed: number;
  passRate: number | null;
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

interface Rates {
  candidates: number;
  decided: number;
  passed: number;
  passRate: number | null;
}
export interface ExamStats {
  year: number;
  sessions: (Rates & { sessionId: string; heldOn: string; place: string; institutionUscc: string; institutionName: string | null })[];
  institutions: (Rates & { institutionUscc: string; institutionName: string | null; sessions: number })[];
  total: Rates;
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
  /** The number of attachments (the list); the detail lists them as `attachments`. */
  files: number;
  attachments?: { id: string; fileName: string }[];
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
  status: 'open' | 'closed';
  overdue: boolean;
  correctedOnTime: boolean | null;
  selfInspectionId?: string | null;
  noticeId?: string | null;
  countyClosedOn?: string | null;
  countyClosedNote?: string | null;
  files?: { id: string; fileName: string }[];
  version: number;
}

export interface HazardInput {
  equipmentId?: string;
  userUscc?: string;
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
  year?: number;
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
  /** Hazards closed by the county, still open, and open past the reply date. */
  closed: number;
  open: number;
  overdue: number;
}
/** In the list: the number of hazards listed. */
export interface NoticeSummary extends Notice {
  hazards: number;
}
/** The notice with its hazards (`status`/`overdue` there: closed by the county, open past the reply date). */
export interface NoticeDetail extends Notice {
  hazards: NoticeHazard[];
}
export type NoticeHazard = Omit<Hazard, 'source' | 'correctionNote' | 'correctedOnTime'>;

export interface NoticeInput {
  toOrgId: string;
  /** Empty: the default number of working days. */
  replyDueOn?: string;
  summary?: string;
  hazardIds: string[];
}

export type Tier = 'A' | 'B' | 'C' | 'D';
export interface TierResult {
  userUscc?: string;
  tier: Tier;
  score: number;
  modelVersion: number;
  reasons: { factor: string; points: number; detail: string; records?: { type: string; id: string }[] }[];
  computedAt?: string;
}

export interface TierModel {
  version: number;
  effectiveFrom: string;
  config: Record<string, unknown>;
  note: string | null;
  createdByName: string;
  createdAt: string;
}

const enc = encodeURIComponent;
/** One attachment as multipart (the server's field `file`). */
const fileForm = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

export const eqApi = {
  // registry (owned by the registry part; read here for the enterprise's own units and pickers)
  units: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Unit>>('/api/equipment', q),
  unit: (id: string) => api.get<Unit>(`/api/equipment/${enc(id)}`),
  categories: () => api.get<ListResult<{ code: string; parentCode: string | null; name: string }>>('/api/equipment-categories'),

  // operators
  workItems: () => api.get<ListResult<WorkItem>>('/api/operator-work-items'),
  operators: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Operator>>('/api/equipment-operators', q),
  operator: (id: string, reveal = false) => api.get<Operator>(`/api/equipment-operators/${enc(id)}`, reveal ? { reveal: true } : undefined),
  createOperator: (input: OperatorInput) => api.post<Operator>('/api/equipment-operators', input),
  addCertificate: (op: Operator, input: CertificateInput) => api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates`, input, op.version),
  renewCertificate: (op: Operator, c: Certificate, input: { issuedOn: string; expiresOn?: string; certificateNo?: string }) =>
    api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates/${enc(c.id)}/renew`, input, op.version),
  reviewCertificate: (op: Operator, c: Certificate, input: { reviewedOn: string }) => api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates/${enc(c.id)}/reviews`, input, op.version),
  revokeCertificate: (op: Operator, c: Certificate, input: { revokedOn: string; reason: string }) =>
    api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates/${enc(c.id)}/revoke`, input, op.version),
  expiring: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<ExpiringCertificate>>('/api/equipment-operator-certificates/expiring', { within: 90, ...q }),
  coverage: (uscc: string) => api.get<Coverage>(`/api/equipment-users/${enc(uscc)}/operators`),

  // exams
  exams: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<ExamSession>>('/api/operator-exam-sessions', q),
  exam: (id: string) => api.get<ExamSession>(`/api/operator-exam-sessions/${enc(id)}`),
  candidates: (id: string) => api.get<ListResult<ExamCandidate>>(`/api/operator-exam-sessions/${enc(id)}/candidates`, { pageSize: 500 }),
  createExam: (input: { heldOn: string; place: string; institutionUscc: string; workItems: string[]; trainingHours?: number }) => api.post<ExamSession>('/api/operator-exam-sessions', input),
  addCandidate: (sessionId: string, input: { operatorId: string; workItem: string }) => api.post<ExamCandidate>(`/api/operator-exam-sessions/${enc(sessionId)}/candidates`, input),
  recordResult: (sessionId: string, candidateId: string, input: { theoryScore: number | null; practicalScore: number | null }) =>
    api.post<ExamCandidate>(`/api/operator-exam-sessions/${enc(sessionId)}/candidates/${enc(candidateId)}/result`, input),
  examStats: (year: number) => api.get<ExamStats>('/api/operator-exam-stats', { year }),

  // emergency plans and drills (the record first, then each file)
  emergency: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<EmergencyRecord>>('/api/equipment-emergency-records', q),
  emergencyRecord: (id: string) => api.get<EmergencyRecord>(`/api/equipment-emergency-records/${enc(id)}`),
  createEmergency: async (input: { userUscc?: string; kind: 'plan' | 'drill'; title: string; on: string; participants?: number; note?: string }, files: File[]) => {
    const record = await api.post<EmergencyRecord>('/api/equipment-emergency-records', input);
    for (const file of files) await api.postForm(`/api/equipment-emergency-records/${enc(record.id)}/files`, fileForm(file));
    return record;
  },
  emergencyFileUrl: (recordId: string, fileId: string) => `/api/equipment-emergency-records/${enc(recordId)}/files/${enc(fileId)}`,

  // hazards and self-correction
  hazards: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<Hazard>>('/api/equipment-hazards', q),
  hazard: (id: string) => api.get<Hazard>(`/api/equipment-hazards/${enc(id)}`),
  createHazard: (input: HazardInput) => api.post<Hazard>('/api/equipment-hazards', input),
  /** The correction: each evidence file first (an enterprise account must send at least one), then the correction; answers the hazard's detail. */
  correct: async (h: Hazard, input: { correctedOn: string; note: string }, files: File[] = []) => {
    for (const file of files) await api.postForm(`/api/equipment-hazards/${enc(h.id)}/files`, fileForm(file));
    await api.post<Hazard>(`/api/equipment-hazards/${enc(h.id)}/correct`, input);
    // the detail, with the evidence just sent
    return api.get<Hazard>(`/api/equipment-hazards/${enc(h.id)}`);
  },
  hazardFileUrl: (hazardId: string, fileId: string) => `/api/equipment-hazards/${enc(hazardId)}/files/${enc(fileId)}`,
  selfInspection: (input: SelfInspectionInput) => api.post<{ id: string; hazards: Hazard[] }>('/api/equipment-self-inspections', input),
  selfCorrection: (q: { regionCode?: string; year?: number; userUscc?: string }) => api.get<SelfCorrection>('/api/equipment-stats/self-correction', q),
  selfCorrectionByCounty: (q: { regionCode?: string; year?: number }) => api.get<{ year: number; items: (SelfCorrection & { regionCode: string })[] }>('/api/equipment-stats/self-correction/by-county', q),

  // 暗访通报
  notices: (q: PageQuery & Record<string, unknown>) => api.get<ListResult<NoticeSummary>>('/api/equipment-notices', q),
  notice: (id: string) => api.get<NoticeDetail>(`/api/equipment-notices/${enc(id)}`),
  createNotice: (input: NoticeInput) => api.post<NoticeDetail>('/api/equipment-notices', input),
  noticeDocumentUrl: (id: string) => `/api/equipment-notices/${enc(id)}/document`,
  countyClose: (h: Pick<Hazard, 'id'>, input: { closedOn: string; note?: string }) => api.post<NoticeDetail>(`/api/equipment-hazards/${enc(h.id)}/county-close`, input),

  // tiers
  tier: (uscc: string) => api.get<TierResult>(`/api/equipment-users/${enc(uscc)}/tier`),
  recomputeTier: (uscc: string) => api.post<TierResult>(`/api/equipment-users/${enc(uscc)}/tier/recompute`, {}),
  tierModels: () => api.get<ListResult<TierModel> & { currentVersion: number | null }>('/api/equipment-tier-models'),
  createTierModel: (input: { effectiveFrom: string; config: Record<string, unknown>; note?: string }) => api.post<TierModel>('/api/equipment-tier-models', input),
};

