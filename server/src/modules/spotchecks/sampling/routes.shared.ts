// What the sampling part's route files share: tags, error answers, response schemas, the .docx reply.
import { Type } from '@sinclair/typebox';
import { VersionSchema } from '../../../platform/http/etag.js';
import { DateString, ErrorSchema, Nullable, Timestamp, literals } from '../../../platform/http/schemas.js';
import type { ChoiceRecord } from '../../inspections/index.js';
import { CONCLUSIONS, FOLLOWUP_STAGES, OBJECTION_STATUSES, SAMPLE_FILE_KINDS, SAMPLE_STATUSES } from '../spotchecks.schema.js';

export const tags = ['spotchecks'];
export const Errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema };
export const Str = Type.String();
export const NStr = Nullable(Str);
/** Staff who read spot checks, and testing institutions' accounts (their own samples). */
export const READ = ['spotcheck.read', 'spotcheck.result'] as const;

/** The public record as the draw engine writes it (docs/DRAW.md; its full schema: GET /api/public/spotcheck-draws/:id). */
export const DrawRecord = Type.Unsafe<ChoiceRecord>({ type: 'object', additionalProperties: true, description: '公开抽取记录（docs/DRAW.md，zhijian-draw/2）' });

/** The sample's product, enterprise, institution, samplers, deadline and status (list row and detail). */
const sampleParties = {
  productId: Str,
  productCode: Str,
  productName: Str,
  enterpriseId: Str,
  enterpriseName: Str,
  uscc: Str,
  regionCode: Str,
  institutionId: Str,
  institutionName: Str,
  samplerIds: Type.Array(Str),
  samplerNames: Type.Array(Str),
  dueOn: DateString,
  status: literals(SAMPLE_STATUSES),
};

/** The 检验结果通知书's number and day, the receipt and the objection window's last day. */
const noticeFacts = {
  noticeNo: NStr,
  notifiedOn: Nullable(DateString),
  receivedOn: Nullable(DateString),
  objectionDueOn: Nullable(DateString),
};

export const SampleItem = Type.Object({
  id: Str,
  sampleNo: Str,
  lotId: Str,
  lotNo: Str,
  ...sampleParties,
  conclusion: Nullable(literals(CONCLUSIONS)),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  objectionStatus: Nullable(literals(OBJECTION_STATUSES)),
  followupStage: Nullable(literals(FOLLOWUP_STAGES)),
  ...noticeFacts,
  createdAt: Timestamp,
  version: VersionSchema,
});

const SamplingRecord = Type.Object({
  sampledOn: DateString,
  place: Str,
  batchNo: Str,
  productionDate: Nullable(DateString),
  specification: NStr,
  quantitySampled: Type.Integer(),
  baseCount: Type.Integer(),
  pricePaid: Type.Number(),
  sealNumbers: Type.Array(Str),
  enterpriseSigner: Str,
  note: NStr,
});
const ItemResult = Type.Object({ item: Str, requirement: Str, measured: Str, pass: Type.Boolean() });
export const FileRow = Type.Object({ id: Str, kind: literals(SAMPLE_FILE_KINDS), fileName: Str, size: Type.Integer(), sha256: Str, createdAt: Timestamp });
const TestItem = Type.Object({ name: Str, requirement: Str, method: Str, critical: Type.Boolean() });

export const Sample = Type.Object({
  id: Str,
  sampleNo: Str,
  lotId: Str,
  lotNo: Str,
  drawId: NStr,
  ...sampleParties,
  record: Nullable(SamplingRecord),
  sampledAt: Nullable(Timestamp),
  files: Type.Array(FileRow),
  items: Nullable(Type.Array(ItemResult)),
  conclusion: Nullable(literals(CONCLUSIONS)),
  reportNo: NStr,
  reportedOn: Nullable(DateString),
  reportedByName: NStr,
  ...noticeFacts,
  objectionDueCertain: Nullable(Type.Boolean({ description: 'false：期限按未载入节假日数据的年份推算' })),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  samplingPlan: Nullable(
    Type.Object(
      { sampleSize: Type.Integer(), unit: NStr, source: literals(['rule', 'gbt2828'] as const), codeLetter: NStr, ac: Nullable(Type.Integer()), re: Nullable(Type.Integer()) },
      { description: '样品数量：实施细则规定的，或按 GB/T 2828.1 由抽样基数求得；null：未规定或尚不能计算' },
    ),
  ),
  testItems: Type.Array(TestItem),
  objection: Nullable(
    Type.Object({
      id: Str,
      status: literals(OBJECTION_STATUSES),
      filedOn: DateString,
      filedBy: literals(['enterprise', 'officer'] as const),
      reason: Str,
      items: Type.Array(Str),
      decidedOn: Nullable(DateString),
      decisionReason: NStr,
      retestInstitutionId: NStr,
      retestConclusion: Nullable(literals(CONCLUSIONS)),
      retestedOn: Nullable(DateString),
      upheld: Nullable(Type.Boolean()),
      version: Type.Integer(),
    }),
  ),
  followup: Nullable(Type.Object({ id: Str, stage: literals(FOLLOWUP_STAGES), dueOn: Nullable(DateString), orderNo: NStr, caseId: NStr, version: Type.Integer() })),
  createdAt: Timestamp,
  version: VersionSchema,
});

export const MySampleItem = Type.Object({
  id: Str,
  sampleNo: Str,
  uscc: Str,
  productCode: Str,
  productName: Str,
  institutionName: Str,
  conclusion: Nullable(literals(CONCLUSIONS)),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  ...noticeFacts,
  objectionStatus: Nullable(literals(OBJECTION_STATUSES)),
  version: VersionSchema,
});

export const MySample = Type.Object({
  id: Str,
  sampleNo: Str,
  productCode: Str,
  productName: Str,
  enterpriseName: Str,
  uscc: Str,
  institutionName: Str,
  record: Nullable(SamplingRecord),
  items: Nullable(Type.Array(ItemResult)),
  testItems: Type.Array(TestItem),
  conclusion: Nullable(literals(CONCLUSIONS)),
  reportNo: NStr,
  reportedOn: Nullable(DateString),
  ...noticeFacts,
  objectionDueCertain: Nullable(Type.Boolean()),
  objectionOpen: Type.Boolean({ description: '已签收、未提出异议且在异议期内' }),
  finalConclusion: Nullable(literals(CONCLUSIONS)),
  objection: Nullable(
    Type.Object({ status: literals(OBJECTION_STATUSES), filedOn: DateString, reason: Str, items: Type.Array(Str), decidedOn: Nullable(DateString), decisionReason: NStr, retestConclusion: Nullable(literals(CONCLUSIONS)) }),
  ),
  followup: Nullable(
    Type.Object(
      { stage: literals(FOLLOWUP_STAGES), orderNo: Type.Union([Type.String({ description: '责令整改通知书文号（下载：/api/my/spotchecks/:id/followup/order）' }), Type.Null()]), dueOn: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '整改期限' }), Type.Null()]) },
      { description: '不合格的后处理：责令整改及其期限、复查、公告' },
    ),
  ),
  version: VersionSchema,
});

