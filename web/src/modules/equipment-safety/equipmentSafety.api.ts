/**
 * Calls of the special-equipment safety pages (operators, exams, emergency records, hazards,
 * self-correction, 暗访通报, tiers). Types derived from the generated OpenAPI schema like those in api/types.ts.
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

/** A unit (设备) as the registry answers it (issue 16's Equipment JSON). */
export type Unit = ResponseOf<'/api/equipment/{id}', 'get'>;
export type UnitQuery = QueryOf<'/api/equipment', 'get'>;
export type Category = Unit['category'];
export type EquipmentStatus = Unit['status'];
export type Conclusion = NonNullable<Unit['lastConclusion']>;
export type CategoryItem = ResponseOf<'/api/equipment-categories', 'get'>['items'][number];

// operators
export type Operator = ResponseOf<'/api/equipment-operators/{id}', 'get'>;
export type OperatorQuery = QueryOf<'/api/equipment-operators', 'get'>;
export type Certificate = Operator['certificates'][number];
export type OperatorInput = BodyOf<'/api/equipment-operators', 'post'>;
export type CertificateInput = BodyOf<'/api/equipment-operators/{id}/certificates', 'post'>;
export type RenewInput = BodyOf<'/api/equipment-operators/{id}/certificates/{certificateId}/renew', 'post'>;
export type ReviewInput = BodyOf<'/api/equipment-operators/{id}/certificates/{certificateId}/reviews', 'post'>;
export type RevokeInput = BodyOf<'/api/equipment-operators/{id}/certificates/{certificateId}/revoke', 'post'>;
/** A certificate on the expiring list, with whose it is. */
export type ExpiringCertificate = ResponseOf<'/api/equipment-operator-certificates/expiring', 'get'>['items'][number];
export type ExpiringQuery = QueryOf<'/api/equipment-operator-certificates/expiring', 'get'>;
export type WorkItem = ResponseOf<'/api/operator-work-items', 'get'>['items'][number];
/** 持证上岗率 of a user unit: its units that need a certified operator and whether each has one. */
export type Coverage = ResponseOf<'/api/equipment-users/{uscc}/operators', 'get'>;

// exams
export type ExamSession = ResponseOf<'/api/operator-exam-sessions/{id}', 'get'>;
export type ExamQuery = QueryOf<'/api/operator-exam-sessions', 'get'>;
export type ExamInput = BodyOf<'/api/operator-exam-sessions', 'post'>;
export type ExamCandidate = ResponseOf<'/api/operator-exam-sessions/{id}/candidates', 'get'>['items'][number];
export type CandidateInput = BodyOf<'/api/operator-exam-sessions/{id}/candidates', 'post'>;
export type ResultInput = BodyOf<'/api/operator-exam-sessions/{id}/candidates/{candidateId}/result', 'post'>;
export type ExamStats = ResponseOf<'/api/operator-exam-stats', 'get'>;

// emergency plans and drills
/** The list's row: `files` is the number of attachments. */
export type EmergencyRecordRow = ResponseOf<'/api/equipment-emergency-records', 'get'>['items'][number];
/** The detail, listing its `attachments`. */
export type EmergencyRecord = ResponseOf<'/api/equipment-emergency-records/{id}', 'get'>;
export type EmergencyQuery = QueryOf<'/api/equipment-emergency-records', 'get'>;
export type EmergencyInput = BodyOf<'/api/equipment-emergency-records', 'post'>;
export type CreatedEmergencyRecord = ResponseOf<'/api/equipment-emergency-records', 'post'>;

// hazards and self-correction
export type Hazard = ResponseOf<'/api/equipment-hazards/{id}', 'get'>;
export type HazardRow = ResponseOf<'/api/equipment-hazards', 'get'>['items'][number];
export type HazardQuery = QueryOf<'/api/equipment-hazards', 'get'>;
export type HazardInput = BodyOf<'/api/equipment-hazards', 'post'>;
export type HazardSource = Hazard['source'];
export type HazardLevel = Hazard['level'];
export type CorrectionInput = BodyOf<'/api/equipment-hazards/{id}/correct', 'post'>;
export type CountyCloseInput = BodyOf<'/api/equipment-hazards/{id}/county-close', 'post'>;
export type SelfInspectionInput = BodyOf<'/api/equipment-self-inspections', 'post'>;
export type SelfInspectionResult = ResponseOf<'/api/equipment-self-inspections', 'post'>;
export type SelfCorrection = ResponseOf<'/api/equipment-stats/self-correction', 'get'>;
export type SelfCorrectionQuery = QueryOf<'/api/equipment-stats/self-correction', 'get'>;
export type SelfCorrectionByCounty = ResponseOf<'/api/equipment-stats/self-correction/by-county', 'get'>;
export type SelfCorrectionOfCounty = SelfCorrectionByCounty['items'][number];
export type SelfCorrectionByCountyQuery = QueryOf<'/api/equipment-stats/self-correction/by-county', 'get'>;

// Enumerations in display order; a Record makes the compiler insist on every value.
const SOURCE_ORDER: Record<HazardSource, number> = { self_inspection: 1, supervision: 2, complaint: 3, periodic_inspection: 4 };
export const HAZARD_SOURCES = Object.keys(SOURCE_ORDER) as HazardSource[];
const LEVEL_ORDER: Record<HazardLevel, number> = { general: 1, major: 2 };
export const HAZARD_LEVELS = Object.keys(LEVEL_ORDER) as HazardLevel[];

// 暗访通报
/** In the list: the number of hazards listed. */
export type NoticeSummary = ResponseOf<'/api/equipment-notices', 'get'>['items'][number];
/** The notice with its hazards (`status`/`overdue` there: closed by the county, open past the reply date). */
export type NoticeDetail = ResponseOf<'/api/equipment-notices/{id}', 'get'>;
export type Notice = NoticeDetail;
export type NoticeHazard = NoticeDetail['hazards'][number];
export type NoticeQuery = QueryOf<'/api/equipment-notices', 'get'>;
export type NoticeInput = BodyOf<'/api/equipment-notices', 'post'>;

// tiers
export type TierResult = ResponseOf<'/api/equipment-users/{uscc}/tier', 'get'>;
export type Tier = TierResult['tier'];
export type TierModels = ResponseOf<'/api/equipment-tier-models', 'get'>;
export type TierModel = TierModels['items'][number];
export type TierModelInput = BodyOf<'/api/equipment-tier-models', 'post'>;

const enc = encodeURIComponent;

export const eqApi = {
  // registry (owned by the registry part; read here for the enterprise's own units and pickers)
  units: (q: UnitQuery) => api.get<ListResult<Unit>>('/api/equipment', q),
  unit: (id: string) => api.get<Unit>(`/api/equipment/${enc(id)}`),
  categories: () => api.get<ListResult<CategoryItem>>('/api/equipment-categories'),

  // operators
  workItems: () => api.get<ListResult<WorkItem>>('/api/operator-work-items'),
  operators: (q: OperatorQuery) => api.get<ListResult<Operator>>('/api/equipment-operators', q),
  operator: (id: string, reveal = false) => api.get<Operator>(`/api/equipment-operators/${enc(id)}`, reveal ? { reveal: true } : undefined),
  createOperator: (input: OperatorInput) => api.post<Operator>('/api/equipment-operators', input),
  addCertificate: (op: Operator, input: CertificateInput) => api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates`, input, op.version),
  renewCertificate: (op: Operator, c: Certificate, input: RenewInput) =>
    api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates/${enc(c.id)}/renew`, input, op.version),
  reviewCertificate: (op: Operator, c: Certificate, input: ReviewInput) => api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates/${enc(c.id)}/reviews`, input, op.version),
  revokeCertificate: (op: Operator, c: Certificate, input: RevokeInput) =>
    api.post<Operator>(`/api/equipment-operators/${enc(op.id)}/certificates/${enc(c.id)}/revoke`, input, op.version),
  expiring: (q: ExpiringQuery) => api.get<ListResult<ExpiringCertificate>>('/api/equipment-operator-certificates/expiring', { within: 90, ...q }),
  coverage: (uscc: string) => api.get<Coverage>(`/api/equipment-users/${enc(uscc)}/operators`),

  // exams
  exams: (q: ExamQuery) => api.get<ListResult<ExamSession>>('/api/operator-exam-sessions', q),
  exam: (id: string) => api.get<ExamSession>(`/api/operator-exam-sessions/${enc(id)}`),
  candidates: (id: string) => api.get<ListResult<ExamCandidate>>(`/api/operator-exam-sessions/${enc(id)}/candidates`, { pageSize: 500 }),
  createExam: (input: ExamInput) => api.post<ExamSession>('/api/operator-exam-sessions', input),
  addCandidate: (sessionId: string, input: CandidateInput) => api.post<ExamCandidate>(`/api/operator-exam-sessions/${enc(sessionId)}/candidates`, input),
  recordResult: (sessionId: string, candidateId: string, input: ResultInput) =>
    api.post<ExamCandidate>(`/api/operator-exam-sessions/${enc(sessionId)}/candidates/${enc(candidateId)}/result`, input),
  examStats: (year: number) => api.get<ExamStats>('/api/operator-exam-stats', { year }),

  // emergency plans and drills (the record first, then each file)
  emergency: (q: EmergencyQuery) => api.get<ListResult<EmergencyRecordRow>>('/api/equipment-emergency-records', q),
  emergencyRecord: (id: string) => api.get<EmergencyRecord>(`/api/equipment-emergency-records/${enc(id)}`),
  createEmergency: async (input: EmergencyInput, files: File[]) => {
    const record = await api.post<CreatedEmergencyRecord>('/api/equipment-emergency-records', input);
    for (const file of files) await api.postFile(`/api/equipment-emergency-records/${enc(record.id)}/files`, file);
    return record;
  },
  emergencyFileUrl: (recordId: string, fileId: string) => `/api/equipment-emergency-records/${enc(recordId)}/files/${enc(fileId)}`,

  // hazards and self-correction
  hazards: (q: HazardQuery) => api.get<ListResult<HazardRow>>('/api/equipment-hazards', q),
  hazard: (id: string) => api.get<Hazard>(`/api/equipment-hazards/${enc(id)}`),
  createHazard: (input: HazardInput) => api.post<Hazard>('/api/equipment-hazards', input),
  /** The correction: each evidence file first (an enterprise account must send at least one), then the correction; answers the hazard's detail. */
  correct: async (h: Hazard, input: CorrectionInput, files: File[] = []) => {
    for (const file of files) await api.postFile(`/api/equipment-hazards/${enc(h.id)}/files`, file);
    await api.post<Hazard>(`/api/equipment-hazards/${enc(h.id)}/correct`, input);
    // the detail, with the evidence just sent
    return api.get<Hazard>(`/api/equipment-hazards/${enc(h.id)}`);
  },
  hazardFileUrl: (hazardId: string, fileId: string) => `/api/equipment-hazards/${enc(hazardId)}/files/${enc(fileId)}`,
  selfInspection: (input: SelfInspectionInput) => api.post<SelfInspectionResult>('/api/equipment-self-inspections', input),
  selfCorrection: (q: SelfCorrectionQuery) => api.get<SelfCorrection>('/api/equipment-stats/self-correction', q),
  selfCorrectionByCounty: (q: SelfCorrectionByCountyQuery) => api.get<SelfCorrectionByCounty>('/api/equipment-stats/self-correction/by-county', q),

  // 暗访通报
  notices: (q: NoticeQuery) => api.get<ListResult<NoticeSummary>>('/api/equipment-notices', q),
  notice: (id: string) => api.get<NoticeDetail>(`/api/equipment-notices/${enc(id)}`),
  createNotice: (input: NoticeInput) => api.post<NoticeDetail>('/api/equipment-notices', input),
  noticeDocumentUrl: (id: string) => `/api/equipment-notices/${enc(id)}/document`,
  countyClose: (h: Pick<Hazard, 'id'>, input: CountyCloseInput) => api.post<NoticeDetail>(`/api/equipment-hazards/${enc(h.id)}/county-close`, input),

  // tiers
  tier: (uscc: string) => api.get<TierResult>(`/api/equipment-users/${enc(uscc)}/tier`),
  recomputeTier: (uscc: string) => api.post<TierResult>(`/api/equipment-users/${enc(uscc)}/tier/recompute`, {}),
  tierModels: () => api.get<TierModels>('/api/equipment-tier-models'),
  createTierModel: (input: TierModelInput) => api.post<TierModel>('/api/equipment-tier-models', input),
};

