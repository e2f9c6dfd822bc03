import { Type } from '@sinclair/typebox';
import { DateString, Nullable, Timestamp, literals } from '../../../platform/http/schemas.js';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, DEADLINE_KINDS } from '../complaints.schema.js';
import { ADDITION_MAX, COMMENT_MAX, DESCRIPTION_MAX, FILE_EXTENSIONS, MAX_FILES } from './intake.service.js';

/** A text field of the form: at most `max` characters (the service trims and checks again). */
const Text = (max: number) => Type.String({ maxLength: max });
const Opt = (max: number) => Type.Optional(Nullable(Text(max)));

/** The reporter (no reporter = anonymous; a complaint needs one). */
export const ReporterBody = Type.Object(
  {
    name: Type.String({ maxLength: 50, description: '姓名（1–50 字）' }),
    phone: Type.String({ maxLength: 30, description: '手机号码或带区号的固定电话' }),
    idNumber: Type.Optional(Nullable(Type.String({ maxLength: 18, description: '身份证号码（GB 11643）' }))),
    address: Opt(200),
    email: Opt(100),
  },
  { additionalProperties: false },
);

/** The fields of a submission (API-SPEC `SubmissionInput`). */
export const submissionProps = {
  kind: literals(COMPLAINT_KINDS),
  subjectUscc: Opt(40),
  subjectName: Opt(200),
  equipmentRegistrationNo: Opt(50),
  product: Opt(200),
  topic: Opt(50),
  category: Opt(50),
  regionCode: Opt(12),
  place: Opt(200),
  occurredOn: Type.Optional(Nullable(DateString)),
  description: Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX }),
  reporter: Type.Optional(Nullable(ReporterBody)),
};

export const filesDescription = `附件字段 files（可多个，至多 ${MAX_FILES} 个，${FILE_EXTENSIONS.join('、')}，按文件内容检查，每个不超过 20 MB）`;
export const formDescription = `JSON，或 multipart/form-data：字段同 JSON（文本），投诉举报人用字段 reporter（JSON 文本）或 reporter.name、reporter.phone、reporter.idNumber、reporter.address、reporter.email 之一种方式；${filesDescription}。`;

export const SubmissionAnswer = Type.Object({ trackingNo: Type.String(), accessCode: Type.String({ description: '查询码（只显示这一次）' }) });

export const AdditionBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: ADDITION_MAX }) }, { additionalProperties: false });
export const SatisfactionBody = Type.Object({ satisfied: Type.Boolean(), comment: Type.Optional(Nullable(Type.String({ maxLength: COMMENT_MAX }))) }, { additionalProperties: false });

/** The public page of an item (no name of anyone). */
export const PublicComplaintSchema = Type.Object({
  trackingNo: Type.String(),
  kind: literals(COMPLAINT_KINDS),
  status: literals(COMPLAINT_STATUSES),
  topic: Type.String(),
  receivedAt: Timestamp,
  deadlines: Type.Array(
    Type.Object({
      kind: literals(DEADLINE_KINDS),
      dueOn: DateString,
      certain: Type.Boolean({ description: '期限跨越尚无节假日数据的年份时为 false' }),
      metOn: Nullable(DateString),
      state: literals(['open', 'met', 'missed', 'cancelled'] as const),
    }),
  ),
  publicResult: Nullable(Type.String({ description: '经审核向投诉举报人反馈的处理结果' })),
  satisfaction: Nullable(Type.Object({ satisfied: Type.Boolean(), comment: Nullable(Type.String()), at: Timestamp })),
  timeline: Type.Array(Type.Object({ kind: Type.String(), at: Timestamp })),
  reward: Nullable(Type.Object({ status: Type.String(), amount: Type.Number(), paidOn: Nullable(DateString) })),
  canAddInformation: Type.Boolean(),
  canRate: Type.Boolean(),
});
