import { Type } from '@sinclair/typebox';
import { VersionSchema } from '../../../platform/http/etag.js';
import { DateString, Id, Nullable, Timestamp, literals } from '../../../platform/http/schemas.js';
import { CASE_ACTIONS, CASE_STAGES, EVIDENCE_KINDS, LEAD_SOURCES } from '../cases.schema.js';
import { PARTY_ROLES } from '../oversight/oversight.schema.js';
import { PUBLICATION_STATUSES } from '../publication/publication.schema.js';
import { IntendedPenaltySchema, PenaltySchema } from './handlers.js';

export const Stage = literals(CASE_STAGES);
export const CaseActionSchema = literals(CASE_ACTIONS);
export const LeadSourceSchema = literals(LEAD_SOURCES);
export const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$' });

const Str = Type.String();
const NStr = Nullable(Type.String());
const NDate = Nullable(DateString);
const NId = Nullable(Id);

const Due = Type.Object({
  dueOn: DateString,
  certain: Type.Boolean({ description: 'false：期间跨越尚无节假日数据的年份，到期日可能变化' }),
  extended: Type.Boolean(),
});

/** The Case view (API-SPEC): every column but enterpriseId and createdById, with the actor's allowed actions and the deadlines. */
export const CaseSchema = Type.Object({
  id: Id,
  caseNo: Str,
  stage: Stage,
  stageBeforeTransfer: Nullable(Stage),
  leadSource: LeadSourceSchema,
  leadId: NId,
  leadRef: NStr,
  uscc: NStr,
  partyName: Str,
  partyAddress: NStr,
  summary: Str,
  foundOn: DateString,
  regionCode: Str,
  orgId: Id,
  orgName: Str,
  campaignId: NId,
  leadDueOn: DateString,
  leadDueCertain: Type.Boolean(),
  leadExtended: Type.Boolean(),
  declinedOn: NDate,
  declineReason: NStr,
  openedOn: NDate,
  openedById: NId,
  openedByName: NStr,
  investigatorIds: Type.Array(Id),
  investigatorNames: Type.Array(Str),
  decisionDueOn: NDate,
  decisionDueCertain: Type.Boolean(),
  decisionExtended: Type.Boolean(),
  reviewerId: NId,
  reviewerName: NStr,
  reviewedOn: NDate,
  reviewResult: Nullable(literals(['approved', 'returned'] as const)),
  reviewOpinion: NStr,
  noticeNo: NStr,
  notifiedOn: NDate,
  intendedPenalty: Nullable(IntendedPenaltySchema),
  defenceDueOn: NDate,
  defenceDueCertain: Type.Boolean(),
  defenceRecordedOn: NDate,
  defenceStatement: NStr,
  hearingRequested: Type.Boolean(),
  hearingHeldOn: NDate,
  hearingRecord: NStr,
  documentNo: NStr,
  decidedOn: NDate,
  decidedById: NId,
  decidedByName: NStr,
  penalties: Nullable(Type.Array(PenaltySchema)),
  penaltyText: NStr,
  violation: NStr,
  legalBasis: NStr,
  discretionRuleKey: NStr,
  discretionLevel: NStr,
  amountDue: Nullable(Type.Number({ description: '应缴罚没款（元）' })),
  servedOn: NDate,
  serviceMethod: NStr,
  amountPaid: Type.Number({ description: '已缴（元）' }),
  paidOn: NDate,
  enforcementAppliedOn: NDate,
  enforcementCourt: NStr,
  closedOn: NDate,
  closingSummary: NStr,
  supervised: Type.Boolean(),
  joint: Type.Boolean(),
  transferred: Type.Boolean(),
  createdByName: Str,
  parties: Type.Array(Type.Object({ id: Id, role: literals(PARTY_ROLES), orgId: NId, name: Str })),
  allowedActions: Type.Array(CaseActionSchema, { description: '当前用户现在可执行的操作' }),
  deadlines: Type.Object({
    lead: Type.Optional(Due),
    decision: Type.Optional(Due),
    defence: Type.Optional(Type.Object({ dueOn: DateString, certain: Type.Boolean() })),
    overdue: Type.Boolean({ description: '立案决定或处罚决定期限已过而未决定' }),
  }),
  supervision: Nullable(Type.Object({ reason: Str, startedOn: DateString, nextReportDueOn: NDate, overdueReports: Type.Integer() })),
  publication: Nullable(Type.Object({ status: literals(PUBLICATION_STATUSES), dueOn: DateString, publishedOn: NDate, publicUntil: NDate })),
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CaseItemSchema = Type.Object({
  id: Id,
  caseNo: Str,
  stage: Stage,
  partyName: Str,
  uscc: NStr,
  summary: Str,
  regionCode: Str,
  orgName: Str,
  foundOn: DateString,
  openedOn: NDate,
  decidedOn: NDate,
  supervised: Type.Boolean(),
  joint: Type.Boolean(),
  transferred: Type.Boolean(),
  overdue: Type.Boolean(),
  nextDueOn: NDate,
  /** False when the running deadline was counted over a year without holiday data (shown with ⚠). */
  nextDueCertain: Type.Boolean(),
  leadSource: LeadSourceSchema,
  version: Type.Integer(),
});

export const CaseEventSchema = Type.Object({
  id: Id,
  action: Str,
  fromStage: Nullable(Stage),
  toStage: Nullable(Stage),
  actorName: NStr,
  orgName: NStr,
  note: NStr,
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  at: Timestamp,
});

export const CaseFileSchema = Type.Object({ id: Id, fileName: Str, contentType: Str, size: Type.Integer(), sha256: Str, createdByName: Str, createdAt: Timestamp });

export const EvidenceSchema = Type.Object({
  id: Id,
  kind: literals(EVIDENCE_KINDS),
  title: Str,
  description: NStr,
  collectedOn: DateString,
  place: NStr,
  officerIds: Type.Array(Id),
  officerNames: Type.Array(Str),
  interviewee: Nullable(Type.String({ description: '被询问人（脱敏）' })),
  content: NStr,
  measureStartOn: NDate,
  measureEndOn: NDate,
  measureReleasedOn: NDate,
  producedByOrgId: Id,
  producedByName: Str,
  createdByName: Str,
  createdAt: Timestamp,
  files: Type.Array(CaseFileSchema),
});

export const CaseOfLeadSchema = Type.Object({
  id: Id,
  caseNo: Str,
  stage: Stage,
  partyName: Str,
  foundOn: DateString,
  openedOn: NDate,
  declinedOn: NDate,
  decidedOn: NDate,
  closedOn: NDate,
  version: Type.Integer(),
});
