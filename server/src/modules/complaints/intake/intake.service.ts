import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { MAX_ATTACHMENT_BYTES, checkAttachment } from '../../../platform/documents/attachments.js';
import { AppError, notFound, pgErrorOf } from '../../../platform/http/errors.js';
import { fieldError, invalid } from '../../../platform/validation/fields.js';
import { checkUscc, enterprises } from '../../enterprises/index.js';
import type { ComplaintsDeps } from '../complaints.deps.js';
import { COMPLAINT_KINDS, type ComplaintChannel, type ComplaintKind, type DeadlineKind, complaintEvents, complaintFiles, complaints } from '../complaints.schema.js';
import type { Clocks } from '../handling/clocks.js';
import { isOpen } from '../handling/states.js';
import { complaintRewards } from '../rewards/rewards.schema.js';
import type { RoutingService } from '../routing/routing.service.js';
import { TRACKING_NO_RE, keyedHash, newAccessCode, newOpen311Token, nextTrackingNo, normalizeAccessCode, sameHash } from './codes.js';
import { IDEMPOTENCY_KEY_MAX, claimKey, freshEntry, idempotencyKeyHash, purgeExpired, requestHash } from './idempotency.js';
import { type Reporter, type ReporterInput, checkReporter, sealReporter } from './reporter.js';

/** What the public (or a hotline operator) submits. No `reporter` = anonymous. */
export interface SubmissionInput {
  kind: ComplaintKind;
  subjectUscc?: string | null;
  subjectName?: string | null;
  equipmentRegistrationNo?: string | null;
  product?: string | null;
  topic?: string | null;
  category?: string | null;
  regionCode?: string | null;
  place?: string | null;
  occurredOn?: string | null;
  description: string;
  reporter?: ReporterInput | null;
}

/** The channels a hotline operator enters. */
export const STAFF_CHANNELS = ['phone', 'letter', 'visit', 'transfer_12315', 'transfer_agency'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

export interface EntryInput extends SubmissionInput {
  channel: StaffChannel;
  /** The 12315 transfer number or the other agency's reference: unique per channel (409 DUPLICATE_TRANSFER). */
  channelRef?: string | null;
  /** The China date the call, letter or visit was received (not in the future): the clocks count from it. Default today. */
  receivedOn?: string | null;
}

/** A file as uploaded: its name and bytes (checked by content). */
export interface IncomingFile {
  fileName: string;
  content: Buffer;
}

export const DESCRIPTION_MAX = 5000;
export const ADDITION_MAX = 5000;
export const COMMENT_MAX = 500;
export const MAX_FILES = 5;
export const FILE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'pdf'] as const;

export type DeadlineState = 'open' | 'met' | 'missed' | 'cancelled';

/** The public page of an item (API-SPEC): no name of anyone, no reporter data. */
export interface PublicComplaint {
  trackingNo: string;
  kind: ComplaintKind;
  status: (typeof complaints.$inferSelect)['status'];
  topic: string;
  receivedAt: Date;
  deadlines: { kind: DeadlineKind; dueOn: string; certain: boolean; metOn: string | null; state: DeadlineState }[];
  publicResult: string | null;
  satisfaction: { satisfied: boolean; comment: string | null; at: Date } | null;
  timeline: { kind: string; at: Date }[];
  reward: { status: string; amount: number; paidOn: string | null } | null;
  canAddInformation: boolean;
  canRate: boolean;
}

type ActorCtx = RequestContext & { actor: Actor };
type Row = typeof complaints.$inferSelect;

/** A checked submission: trimmed texts (null when empty), USCC normalised, reporter checked. */
interface Checked {
  kind: ComplaintKind;
  subjectUscc: string | null;
  subjectName: string | null;
  equipmentRegistrationNo: string | null;
  product: string | null;
  topic: string | null;
  category: string | null;
  regionCode: string | null;
  place: string | null;
  occurredOn: string | null;
  description: string;
  reporter: Reporter | null;
}

const REGION_RE = /^\d{6}(\d{3}(\d{3})?)?$/;
const length = (s: string) => [...s].length;

/**
 * Optional text: trimmed, null when empty, at most `max` characters, no NUL. HTML and script are
 * kept as typed (stored as text, shown as text). Messages name the field, never the value.
 */
function optionalText(value: unknown, field: string, label: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(field, `${label}格式不正确`);
  if (value.includes('\u0000')) throw invalid(field, `${label}不能含有空字符`);
  const text = value.trim();
  if (!text) return null;
  if (length(text) > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return text;
}

function requiredText(value: unknown, field: string, label: string, max: number): string {
  const text = optionalText(value, field, label, max);
  if (!text) throw invalid(field, `请填写${label}`);
  return text;
}

/** A date (YYYY-MM-DD) not after today (China). */
function pastDate(value: unknown, field: string, label: string, today: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !parseDate(value)) throw new AppError('INVALID_DATE', `${label}应为 YYYY-MM-DD 格式的日期`, 400, { field });
  if (value > today) throw new AppError('INVALID_DATE', `${label}不能晚于今天`, 400, { field });
  return value;
}

/** A file over 20 MB: 400 with the reason, like every refused file of a submission. */
export const fileTooLarge = () => new AppError('ATTACHMENT_TOO_LARGE', `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, 400, { field: 'files', maxBytes: MAX_ATTACHMENT_BYTES });

/** Checks the files of a submission or an addition: at most 5, each a real jpg/png/pdf (by its first bytes), ≤ 20 MB. */
export function checkFiles(files: readonly IncomingFile[]) {
  if (files.length > MAX_FILES) throw new AppError('ATTACHMENTS_TOO_MANY', `至多上传 ${MAX_FILES} 个附件`, 400, { field: 'files', max: MAX_FILES });
  return files.map((f, i) => {
    if (f.content.length > MAX_ATTACHMENT_BYTES) throw fileTooLarge();
    try {
      return { ...checkAttachment(f.fileName, f.content, FILE_EXTENSIONS), content: f.content };
    } catch (err) {
      // The reason, with the file's position rather than its name (a name may be a person's).
      if (err instanceof AppError) throw new AppError(err.code, `第 ${i + 1} 个附件：${FILE_PROBLEMS[err.code] ?? err.message}`, 400, { field: 'files', index: i });
      throw err;
    }
  });
}

const FILE_PROBLEMS: Record<string, string> = {
  ATTACHMENT_TYPE: `不支持的格式，仅可上传 ${FILE_EXTENSIONS.join('、')} 文件`,
  ATTACHMENT_EMPTY: '是空文件',
  ATTACHMENT_CONTENT: '文件内容与扩展名不符（按内容检查，不是有效的图片或 PDF）',
};

const invalidTransition = (message: string) => new AppError('INVALID_TRANSITION', message, 409);

/** Public submission, hotline entry, the public page of an item, additions and satisfaction (README.md). */
export function makeIntakeService(deps: ComplaintsDeps & { routing: RoutingService; clocks: Clocks }) {
  const { db, audit, personal, hashKey, clocks, routing } = deps;

  /** Checks a submission; 400 with `details.field` naming the field at fault. */
  async function checkSubmission(tx: Db, input: SubmissionInput, today: string): Promise<Checked> {
    if (!input || typeof input !== 'object') throw invalid('kind', '请求参数不合法');
    if (!(COMPLAINT_KINDS as readonly string[]).includes(input.kind)) throw invalid('kind', '类型应为 投诉、举报、咨询 或 建议');
    const description = requiredText(input.description, 'description', '事项描述', DESCRIPTION_MAX);
    let subjectUscc = optionalText(input.subjectUscc, 'subjectUscc', '统一社会信用代码', 40);
    if (subjectUscc) {
      const checked = checkUscc(subjectUscc);
      if (!checked.ok) throw fieldError({ ...checked.problem, field: 'subjectUscc' });
      subjectUscc = checked.value.uscc;
      // A code failing its check digit is taken only when the register holds it (an override there).
      if (checked.value.checkDigitFailed) {
        const [known] = await tx.select({ uscc: enterprises.uscc }).from(enterprises).where(eq(enterprises.uscc, subjectUscc)).limit(1);
        if (!known) throw new AppError('USCC_CHECK_DIGIT', '统一社会信用代码校验位不正确，请核对', 400, { field: 'subjectUscc' });
      }
    }
    const regionCode = optionalText(input.regionCode, 'regionCode', '区划代码', 12);
    if (regionCode && !REGION_RE.test(regionCode)) throw invalid('regionCode', '区划代码应为 6、9 或 12 位数字');
    const reporter = input.reporter === undefined || input.reporter === null ? null : checkReporterInput(input.reporter);
    if (input.kind === 'complaint' && !reporter) throw new AppError('REPORTER_REQUIRED', '投诉须留下投诉人的姓名和联系电话（举报可以匿名）', 400, { field: 'reporter' });
    return {
      kind: input.kind,
      subjectUscc,
      subjectName: optionalText(input.subjectName, 'subjectName', '被投诉举报对象名称', 200),
      equipmentRegistrationNo: optionalText(input.equipmentRegistrationNo, 'equipmentRegistrationNo', '设备注册代码', 50),
      product: optionalText(input.product, 'product', '产品', 200),
      topic: optionalText(input.topic, 'topic', '专业', 50),
      category: optionalText(input.category, 'category', '类别', 50),
      regionCode,
      place: optionalText(input.place, 'place', '地点', 200),
      occurredOn: pastDate(input.occurredOn, 'occurredOn', '发生日期', today),
      description,
      reporter,
    };
  }

  function checkReporterInput(r: ReporterInput): Reporter {
    if (typeof r !== 'object') throw invalid('reporter', '投诉举报人信息格式不正确');
    for (const key of ['name', 'phone', 'idNumber', 'address', 'email'] as const) {
      const v = r[key];
      if (v !== undefined && v !== null && typeof v !== 'string') throw invalid(`reporter.${key}`, '投诉举报人信息格式不正确');
      if (typeof v === 'string' && v.includes('\u0000')) throw invalid(`reporter.${key}`, '投诉举报人信息不能含有空字符');
    }
    return checkReporter(r);
  }

  async function insertFiles(tx: Db, complaintId: string, files: ReturnType<typeof checkFiles>, source: 'reporter' | 'staff', eventId: string | null = null) {
    if (!files.length) return;
    await tx.insert(complaintFiles).values(files.map((f) => ({ complaintId, eventId, source, fileName: f.fileName, contentType: f.contentType, size: f.content.length, content: f.content })));
  }

  /**
   * Creates one item inside the caller's transaction: checks it, routes it, numbers it, seals the
   * reporter, starts its clock, dispatches it and audits `complaint.received` (never reporter data).
   */
  async function createInTx(tx: Db, ctx: RequestContext, input: SubmissionInput, opts: { channel: ComplaintChannel; channelRef?: string | null; receivedOn?: string | null; createdById?: string | null }) {
    const now = new Date();
    const today = todayInChina(now);
    const s = await checkSubmission(tx, input, today);
    const receivedOn = pastDate(opts.receivedOn, 'receivedOn', '收到日期', today) ?? today;
    const channelRef = optionalText(opts.channelRef, 'channelRef', '来源编号', 100);
    if (channelRef) {
      const [taken] = await tx
        .select({ id: complaints.id })
        .from(complaints)
        .where(and(eq(complaints.channel, opts.channel), eq(complaints.channelRef, channelRef)))
        .limit(1);
      if (taken) throw duplicateTransfer();
    }
    const routed = await routing.route(tx, { subjectUscc: s.subjectUscc, subjectName: s.subjectName, equipmentRegistrationNo: s.equipmentRegistrationNo, regionCode: s.regionCode, topic: s.topic, category: s.category });
    const trackingNo = await nextTrackingNo(tx, now);
    const accessCode = newAccessCode();
    const open311Token = opts.channel === 'open311' ? newOpen311Token() : null;
    const [row] = await tx
      .insert(complaints)
      .values({
        trackingNo,
        accessCodeHash: keyedHash(hashKey, 'access-code', accessCode),
        open311TokenHash: open311Token ? keyedHash(hashKey, 'open311-token', open311Token) : null,
        kind: s.kind,
        channel: opts.channel,
        channelRef,
        topic: routed.topic,
        category: routed.category,
        urgent: routed.urgent,
        subjectUscc: routed.subjectUscc ?? s.subjectUscc,
        subjectName: routed.subjectName ?? s.subjectName,
        subjectEnterpriseId: routed.subjectEnterpriseId,
        equipmentRegistrationNo: s.equipmentRegistrationNo,
        equipmentId: routed.equipmentId,
        product: s.product,
        regionCode: routed.regionCode,
        orgId: routed.orgId,
        sectionId: routed.sectionId,
        place: s.place,
        occurredOn: s.occurredOn,
        description: s.description,
        ...sealReporter(personal, s.reporter),
        status: 'received',
        receivedAt: receivedOn === today ? now : new Date(`${receivedOn}T00:00:00+08:00`),
        receivedOn,
        createdById: opts.createdById ?? null,
      })
      .returning();
    const item = row!;
    if (item.kind === 'complaint') await clocks.start(tx, item.id, 'accept', receivedOn);
    if (item.kind === 'report') await clocks.start(tx, item.id, 'verify', receivedOn);
    await routing.dispatch(tx, item);
    await audit.record(tx, ctx, {
      action: 'complaint.received',
      targetType: 'complaint',
      targetId: item.id,
      after: { trackingNo, kind: item.kind, channel: item.channel, topic: item.topic, regionCode: item.regionCode, anonymous: item.anonymous },
    });
    return { id: item.id, trackingNo, accessCode, open311Token };
  }

  const duplicateTransfer = () => new AppError('DUPLICATE_TRANSFER', '该来源编号的转办件已录入', 409, { field: 'channelRef' });

  /** The item by tracking number and access code; a wrong or missing code answers like an unknown number. */
  async function byCode(tx: Db, trackingNo: string, code: string | null | undefined, lock = false): Promise<Row> {
    const wanted = keyedHash(hashKey, 'access-code', normalizeAccessCode(typeof code === 'string' ? code : ''));
    const known = typeof trackingNo === 'string' && TRACKING_NO_RE.test(trackingNo);
    const query = tx.select().from(complaints).where(eq(complaints.trackingNo, known ? trackingNo : '-')).limit(1);
    const [row] = lock ? await query.for('update') : await query;
    // Compared in constant time, also against a stand-in when the number is unknown.
    const matches = sameHash(wanted, row?.accessCodeHash ?? '0'.repeat(64));
    if (!row || !matches || !code) throw notFound('投诉举报事项');
    return row;
  }

  function deadlineState(c: { dueOn: string; metOn: string | null; cancelledOn: string | null }, today: string): DeadlineState {
    if (c.cancelledOn) return 'cancelled';
    if (c.metOn) return c.metOn <= c.dueOn ? 'met' : 'missed';
    return today > c.dueOn ? 'missed' : 'open';
  }

  /** The public page of a row (no name of anyone). */
  async function publicJson(tx: Db, row: Row): Promise<PublicComplaint> {
    const today = todayInChina();
    const deadlines = (await clocks.of(tx, row.id)).map((c) => ({ kind: c.kind, dueOn: c.dueOn, certain: c.dueCertain, metOn: c.metOn, state: deadlineState(c, today) }));
    const timeline = await tx
      .select({ kind: complaintEvents.kind, at: complaintEvents.at })
      .from(complaintEvents)
      .where(and(eq(complaintEvents.complaintId, row.id), eq(complaintEvents.public, true)))
      .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
    const [reward] = await tx
      .select({ status: complaintRewards.status, amount: complaintRewards.amount, paidOn: complaintRewards.paidOn })
      .from(complaintRewards)
      .where(and(eq(complaintRewards.complaintId, row.id), ne(complaintRewards.status, 'rejected')))
      .orderBy(desc(complaintRewards.proposedAt), desc(complaintRewards.id))
      .limit(1);
    return {
      trackingNo: row.trackingNo,
      kind: row.kind,
      status: row.status,
      topic: row.topic,
      receivedAt: row.receivedAt,
      deadlines,
      publicResult: row.publicResult,
      satisfaction: row.satisfied === null ? null : { satisfied: row.satisfied, comment: row.satisfactionComment, at: row.satisfactionAt! },
      timeline,
      reward: reward ? { status: reward.status, amount: Number(reward.amount), paidOn: reward.paidOn } : null,
      canAddInformation: isOpen(row.status),
      canRate: !isOpen(row.status) && row.satisfied === null,
    };
  }

  /** The first answer again, or 422 when the key came with another body. */
  function replay(entry: NonNullable<Awaited<ReturnType<typeof freshEntry>>>, bodyHash: string) {
    if (entry.bodyHash !== bodyHash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', '该 Idempotency-Key 已用于另一份不同的提交；请为新的提交使用新的 Idempotency-Key', 422, { field: 'Idempotency-Key' });
    }
    return { trackingNo: entry.trackingNo, accessCode: personal.open(entry.accessCodeSealed), open311Token: entry.open311TokenSealed ? personal.open(entry.open311TokenSealed) : null, replayed: true };
  }

  /** Thrown inside the transaction when another request holds the key: it rolls back what this one wrote. */
  class KeyTaken extends Error {}

  return {
    createInTx,

    /**
     * A submission from the public site or an Open311 app: 201 `{ trackingNo, accessCode }`. With an
     * idempotency key (per client), the same body answers the first answer again and creates
     * nothing; another body is 422 IDEMPOTENCY_MISMATCH. Files are checked before anything is written.
     */
    async submitPublic(ctx: RequestContext, input: SubmissionInput, files: IncomingFile[], opts: { channel: 'web' | 'open311'; idempotency?: { client: string; key: string } }) {
      const checkedFiles = checkFiles(files);
      const idem = opts.idempotency;
      let keyHash: string | null = null;
      let bodyHash = '';
      if (idem) {
        if (typeof idem.key !== 'string' || !idem.key.length || idem.key.length > IDEMPOTENCY_KEY_MAX) throw invalid('Idempotency-Key', `Idempotency-Key 应为 1–${IDEMPOTENCY_KEY_MAX} 个字符`);
        keyHash = idempotencyKeyHash(hashKey, idem.client, idem.key);
        bodyHash = requestHash(opts.channel, input, files);
        await purgeExpired(db);
        const entry = await freshEntry(db, keyHash);
        if (entry) return replay(entry, bodyHash);
      }
      try {
        return await inTransaction(db, async (tx) => {
          const created = await createInTx(tx, ctx, input, { channel: opts.channel });
          await insertFiles(tx, created.id, checkedFiles, 'reporter');
          if (keyHash) {
            const claimed = await claimKey(tx, { keyHash, bodyHash, trackingNo: created.trackingNo, accessCodeSealed: personal.seal(created.accessCode), open311TokenSealed: created.open311Token ? personal.seal(created.open311Token) : null });
            if (!claimed) throw new KeyTaken();
          }
          return { trackingNo: created.trackingNo, accessCode: created.accessCode, open311Token: created.open311Token, replayed: false };
        });
      } catch (err) {
        if (!(err instanceof KeyTaken) || !keyHash) throw err;
        // A concurrent request with the same key committed first: its answer, nothing of ours kept.
        const entry = await freshEntry(db, keyHash);
        if (!entry) throw new AppError('CONFLICT', '同一提交正在处理中，请稍后重试', 409);
        return replay(entry, bodyHash);
      }
    },

    /** A call, letter, visit or transfer entered by a hotline operator (`complaint.intake`): 201 `{ id, trackingNo, accessCode }`. */
    async enter(ctx: ActorCtx, input: EntryInput, files: IncomingFile[] = []) {
      if (!(STAFF_CHANNELS as readonly string[]).includes(input.channel)) throw invalid('channel', '来源渠道应为 电话、信件、来访、12315 转办 或 其他部门转办');
      const checkedFiles = checkFiles(files);
      try {
        return await inTransaction(db, async (tx) => {
          const created = await createInTx(tx, ctx, input, { channel: input.channel, channelRef: input.channelRef, receivedOn: input.receivedOn, createdById: ctx.actor.userId });
          await insertFiles(tx, created.id, checkedFiles, 'staff');
          return { id: created.id, trackingNo: created.trackingNo, accessCode: created.accessCode };
        });
      } catch (err) {
        // Two entries of one transfer at once: the unique (channel, channelRef) decides.
        if (pgErrorOf(err)?.code === '23505' && input.channelRef) throw duplicateTransfer();
        throw err;
      }
    },

    /** The public page by tracking number and access code (404 NOT_FOUND alike for a wrong code and an unknown number). */
    async publicView(trackingNo: string, code: string | null | undefined): Promise<PublicComplaint> {
      const row = await byCode(db, trackingNo, code);
      return publicJson(db, row);
    },

    /** The public page by Open311 token (404 when unknown). */
    async publicViewByToken(token: string): Promise<PublicComplaint> {
      const hash = keyedHash(hashKey, 'open311-token', typeof token === 'string' ? token : '');
      const [row] = await db.select().from(complaints).where(eq(complaints.open311TokenHash, hash)).limit(1);
      if (!row || typeof token !== 'string' || !token) throw notFound('投诉举报事项');
      return publicJson(db, row);
    },

    /** More information from the reporter while the item is open (409 INVALID_TRANSITION after): text and/or up to 5 files, a public `addition` event. */
    async addAddition(ctx: RequestContext, trackingNo: string, code: string | null | undefined, body: { text?: string | null }, files: IncomingFile[] = []): Promise<PublicComplaint> {
      const text = optionalText(body?.text, 'text', '补充内容', ADDITION_MAX);
      const checkedFiles = checkFiles(files);
      if (!text && !checkedFiles.length) throw invalid('text', '请填写补充内容或上传附件');
      return inTransaction(db, async (tx) => {
        const row = await byCode(tx, trackingNo, code, true);
        if (!isOpen(row.status)) throw invalidTransition('该事项已办结，不能再补充材料');
        const [event] = await tx.insert(complaintEvents).values({ complaintId: row.id, kind: 'addition', actorKind: 'public', note: text, public: true }).returning({ id: complaintEvents.id });
        await insertFiles(tx, row.id, checkedFiles, 'reporter', event!.id);
        await audit.record(tx, ctx, { action: 'complaint.addition_received', targetType: 'complaint', targetId: row.id, after: { trackingNo: row.trackingNo, eventId: event!.id, text: text !== null, files: checkedFiles.length } });
        return publicJson(tx, row);
      });
    },

    /** Whether the reporter is satisfied: once (409 ALREADY_RATED), after the item is closed or refused (409 INVALID_TRANSITION while open). */
    async rateSatisfaction(ctx: RequestContext, trackingNo: string, code: string | null | undefined, body: { satisfied: boolean; comment?: string | null }): Promise<PublicComplaint> {
      if (typeof body?.satisfied !== 'boolean') throw invalid('satisfied', '请选择是否满意');
      const comment = optionalText(body.comment, 'comment', '评价', COMMENT_MAX);
      return inTransaction(db, async (tx) => {
        const row = await byCode(tx, trackingNo, code, true);
        if (isOpen(row.status)) throw invalidTransition('事项办结后才能评价');
        if (row.satisfied !== null) throw new AppError('ALREADY_RATED', '该事项已评价过', 409);
        const at = new Date();
        const [updated] = await tx
          .update(complaints)
          .set({ satisfied: body.satisfied, satisfactionComment: comment, satisfactionAt: at, version: row.version + 1, updatedAt: at })
          .where(eq(complaints.id, row.id))
          .returning();
        await tx.insert(complaintEvents).values({ complaintId: row.id, kind: 'satisfaction', at, actorKind: 'public', note: comment, public: true });
        await audit.record(tx, ctx, { action: 'complaint.satisfaction_rated', targetType: 'complaint', targetId: row.id, after: { trackingNo: row.trackingNo, satisfied: body.satisfied } });
        return publicJson(tx, updated!);
      });
    },
  };
}

export type IntakeService = ReturnType<typeof makeIntakeService>;
