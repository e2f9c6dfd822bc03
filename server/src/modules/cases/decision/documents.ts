import { and, asc, eq } from 'drizzle-orm';
import type { Paragraph } from 'docx';
import JSZip from 'jszip';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { type BureauContact, UNCERTAIN_DEADLINE_NOTE, centred, cnDate, contactLine, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import { type LeadSource, caseEvidence, cases } from '../cases.schema.js';
import type { CaseRow } from '../lifecycle/actions.js';
import { formatYuan } from './decide.js';
import { LEVEL_LABELS } from './discretion.service.js';
import { type DiscretionLevel, discretionRules } from './discretion.schema.js';

/** The documents of a case (.docx from templates): 立案审批表, 询问笔录 (one per inquiry), 行政处罚告知书, 行政处罚决定书, 结案报告. */
export const CASE_DOCUMENT_KINDS = ['filing_approval', 'inquiry_record', 'penalty_notice', 'penalty_decision', 'closing_report'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

export const DOCUMENT_TITLES: Record<CaseDocumentKind, string> = {
  filing_approval: '立案审批表',
  inquiry_record: '询问笔录',
  penalty_notice: '行政处罚告知书',
  penalty_decision: '行政处罚决定书',
  closing_report: '结案报告',
};

/** The stage a document belongs to, as the 409 names it. */
const STAGE_OF: Record<CaseDocumentKind, string> = {
  filing_approval: '立案',
  inquiry_record: '立案',
  penalty_notice: '告知',
  penalty_decision: '处罚决定',
  closing_report: '结案',
};

const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  unlicensed_lead: '无证经营线索',
  inspection_finding: '监督检查发现的问题',
  complaint: '投诉举报',
  equipment_hazard: '特种设备隐患',
  spot_check: '产品质量监督抽查不合格',
  department: '其他部门移送',
  manual: '执法人员发现',
};

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface RenderedDocument {
  kind: CaseDocumentKind;
  /** e.g. 立案审批表-AJ2026000012.docx */
  fileName: string;
  content: Buffer;
}

type EvidenceRow = typeof caseEvidence.$inferSelect;

/** A text an officer typed, without its closing punctuation, to be set inside a sentence. */
const bare = (s: string) => s.trim().replace(/[。．.；;，,]+$/u, '');
/** Multi-line text as body lines. */
const paragraphs = (text: string, indent = true) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => line(s, { indent }));
const field = (label: string, value: string | null | undefined) => line(`${label}：${value?.trim() || '—'}`);
const party = (c: CaseRow) => `${c.partyName}${c.uscc ? `（统一社会信用代码：${c.uscc}）` : ''}`;

/** The zip entries' date in a stable document (DOS time has no time zone: a fixed local date). */
const FIXED_ZIP_DATE = new Date(2000, 0, 1);

/**
 * The same bytes for the same facts: the docx library stamps the time of rendering into
 * docProps/core.xml and the zip entries; this sets the document's own date (`on`, else a fixed
 * one) instead, so the police transfer's package hashes the same when rebuilt.
 */
export async function stable(docx: Buffer, on?: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const stamp = `${on ?? '2000-01-01'}T00:00:00Z`;
  const out = new JSZip();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    let data: string | Uint8Array = await entry.async('uint8array');
    if (entry.name === 'docProps/core.xml') data = Buffer.from(data).toString('utf8').replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    out.file(entry.name, data, { date: FIXED_ZIP_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
}

/** Whether the case has reached the stage of a document (by its facts, so a transferred case keeps what it had). */
function reached(c: CaseRow, kind: CaseDocumentKind): boolean {
  switch (kind) {
    case 'filing_approval':
    case 'inquiry_record':
      return Boolean(c.openedOn);
    case 'penalty_notice':
      return Boolean(c.notifiedOn && c.intendedPenalty);
    case 'penalty_decision':
      return Boolean(c.decidedOn && c.documentNo);
    case 'closing_report':
      return Boolean(c.closedOn);
  }
}

const notAvailable = (c: CaseRow, kind: CaseDocumentKind) =>
  new AppError('DOCUMENT_NOT_AVAILABLE', `案件尚未到“${STAGE_OF[kind]}”阶段，不能生成${DOCUMENT_TITLES[kind]}`, 409, { kind, stage: c.stage });

/**
 * The case's documents, made from the bureau's templates with platform/documents/docx.ts. Each is
 * available from its stage on (409 DOCUMENT_NOT_AVAILABLE before): 立案审批表 once opened, 询问笔录
 * per inquiry (the interviewee unsealed for the document only), 行政处罚告知书 once notified,
 * 行政处罚决定书 once decided, 结案报告 once closed. Rendering is deterministic for the same facts
 * (no "today" in the text), so the police package can be rebuilt.
 */
export function makeCaseDocuments(deps: Pick<CasesDeps, 'db' | 'personal' | 'audit'>) {
  async function load(tx: Db, caseId: string) {
    const [c] = await tx.select().from(cases).where(eq(cases.id, caseId));
    if (!c) throw notFound('案件');
    const [org] = await tx.select({ name: orgs.name, address: orgs.address, phone: orgs.phone }).from(orgs).where(eq(orgs.id, c.orgId));
    return { c, bureau: org?.name ?? '', contact: { address: org?.address ?? null, phone: org?.phone ?? null } };
  }

  const inquiries = (tx: Db, caseId: string) =>
    tx
      .select()
      .from(caseEvidence)
      .where(and(eq(caseEvidence.caseId, caseId), eq(caseEvidence.kind, 'inquiry')))
      .orderBy(asc(caseEvidence.collectedOn), asc(caseEvidence.createdAt), asc(caseEvidence.id));

  const doc = async (kind: CaseDocumentKind, fileName: string, bureau: string, body: Paragraph[], spacedTitle?: string, on?: string): Promise<RenderedDocument> => ({
    kind,
    fileName,
    content: await stable(await renderDocx({ creator: bureau, title: DOCUMENT_TITLES[kind], spacedTitle, body }), on),
  });

  function filingApproval(c: CaseRow, bureau: string) {
    return doc('filing_approval', `立案审批表-${c.caseNo}.docx`, bureau, [
      centred(bureau),
      field('案件编号', c.caseNo),
      field('当事人', c.partyName),
      field('统一社会信用代码', c.uscc),
      field('住所（地址）', c.partyAddress),
      field('案件来源', `${LEAD_SOURCE_LABELS[c.leadSource]}${c.leadRef ? `（${c.leadRef}）` : ''}`),
      field('发现线索日期', cnDate(c.foundOn)),
      line('简要案情及立案理由：'),
      ...paragraphs(c.summary),
      field('承办人（执法人员）', c.investigatorNames.join('、')),
      field('立案日期', cnDate(c.openedOn!)),
      field('审批意见', `同意立案。批准人：${c.openedByName ?? '—'}`),
      field('办案期限', c.decisionDueOn ? `${cnDate(c.decisionDueOn)}前作出处理决定${c.decisionDueCertain ? '' : UNCERTAIN_DEADLINE_NOTE}` : null),
      ...signature(bureau, c.openedOn!),
    ], undefined, c.openedOn!);
  }

  function inquiryRecord(c: CaseRow, bureau: string, e: EvidenceRow, n: number) {
    let interviewee = e.intervieweeMasked ?? '—';
    if (e.intervieweeSealed) interviewee = deps.personal.open(e.intervieweeSealed);
    return doc('inquiry_record', `询问笔录-${c.caseNo}-${n}.docx`, bureau, [
      field('案件编号', c.caseNo),
      field('当事人', c.partyName),
      field('询问时间', cnDate(e.collectedOn)),
      field('询问地点', e.place),
      field('被询问人', interviewee),
      field('询问人（执法人员）', e.officerNames.join('、')),
      field('事由', e.title),
      line(`我们是${bureau}的执法人员${e.officerNames.join('、')}，已向你出示执法证件。现就有关问题依法进行调查，请你如实回答。你有权进行陈述和申辩；对与案件无关的问题，你有权拒绝回答；执法人员与本案有直接利害关系的，你有权申请回避。`, { indent: true }),
      ...(e.description ? paragraphs(e.description) : []),
      ...(e.content ? paragraphs(e.content) : [line('（询问内容见所附记录）', { indent: true })]),
      line('被询问人签名：                    年    月    日', { indent: false }),
      line('执法人员签名：                    年    月    日', { indent: false }),
    ], undefined, e.collectedOn);
  }

  function penaltyNotice(c: CaseRow, bureau: string, contact: BureauContact) {
    const p = c.intendedPenalty!;
    const deadline = c.defenceDueOn ? `${cnDate(c.defenceDueOn)}${c.defenceDueCertain ? '' : UNCERTAIN_DEADLINE_NOTE}` : '收到本告知书之日起五个工作日内';
    return doc(
      'penalty_notice',
      `行政处罚告知书-${c.caseNo}.docx`,
      bureau,
      [
        centred(c.noticeNo ?? ''),
        line(`${party(c)}：`),
        line(`本局于${cnDate(c.openedOn!)}对你（单位）涉嫌违法一案立案调查。经查，${bare(p.violation)}。`, { indent: true }),
        line(`依据${bare(p.legalBasis)}的规定，本局拟对你（单位）作出如下行政处罚：${bare(p.wording)}。`, { indent: true }),
        line('根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩；依照该法第六十三条、第六十四条的规定，对上述拟作出的行政处罚，你（单位）有权要求举行听证。', { indent: true }),
        line(`你（单位）如需陈述、申辩或者要求听证，请于${deadline}前（含当日）向本局提出；逾期未提出的，视为放弃上述权利。`, { indent: true }),
        ...contactLine(contact),
        ...signature(bureau, c.notifiedOn!),
      ],
      '行政处罚告知书',
      c.notifiedOn!,
    );
  }

  async function penaltyDecision(tx: Db, c: CaseRow, bureau: string) {
    const evidence = await tx.select().from(caseEvidence).where(eq(caseEvidence.caseId, c.id)).orderBy(asc(caseEvidence.collectedOn), asc(caseEvidence.createdAt), asc(caseEvidence.id));
    const [rule] = c.discretionRuleKey ? await tx.select().from(discretionRules).where(eq(discretionRules.key, c.discretionRuleKey)) : [];
    const level = c.discretionLevel && c.discretionLevel in LEVEL_LABELS ? LEVEL_LABELS[c.discretionLevel as DiscretionLevel] : null;
    const amountDue = Number(c.amountDue ?? 0);
    const defence = c.hearingHeldOn
      ? `应当事人要求，本局于${cnDate(c.hearingHeldOn)}依法举行了听证。`
      : c.defenceRecordedOn
        ? c.defenceStatement
          ? `当事人于${cnDate(c.defenceRecordedOn)}提出陈述、申辩：${bare(c.defenceStatement)}。本局对当事人的陈述、申辩进行了复核。`
          : `当事人于${cnDate(c.defenceRecordedOn)}表示不提出陈述、申辩。`
        : '当事人在规定期限内未提出陈述、申辩，也未要求听证。';
    return doc('penalty_decision', `行政处罚决定书-${c.caseNo}.docx`, bureau, [
      centred(c.documentNo!),
      line(`当事人：${c.partyName}`),
      ...(c.uscc ? [line(`统一社会信用代码：${c.uscc}`)] : []),
      ...(c.partyAddress ? [line(`住所（地址）：${c.partyAddress}`)] : []),
      line(`本局于${cnDate(c.openedOn!)}对当事人涉嫌违法一案立案调查。现已调查终结。`, { indent: true }),
      line(`经查：${bare(c.violation ?? '')}。`, { indent: true }),
      line('上述事实有下列证据证明：', { indent: true }),
      ...(evidence.length ? evidence.map((e, i) => line(`${i + 1}. ${e.title}（${cnDate(e.collectedOn)}）`, { indent: true })) : [line('（无）', { indent: true })]),
      line(`本局于${cnDate(c.notifiedOn!)}向当事人送达了《行政处罚告知书》${c.noticeNo ? `（${c.noticeNo}）` : ''}，告知拟作出行政处罚的内容及事实、理由、依据，以及当事人依法享有的陈述、申辩和要求听证的权利。${defence}`, { indent: true }),
      line(
        `本局认为，当事人的上述行为${rule ? `违反了${rule.violatedProvision}的规定` : '构成违法'}。依据${bare(c.legalBasis ?? '')}的规定${level ? `，根据本局行政处罚裁量基准，适用${level}` : ''}，本局决定对当事人作出如下行政处罚：`,
        { indent: true },
      ),
      line(`${bare(c.penaltyText ?? '')}。`, { indent: true }),
      ...(amountDue > 0
        ? [
            line(`以上罚没款合计人民币${formatYuan(amountDue)}元。当事人应当自收到本决定书之日起十五日内，持本决定书到指定银行或者通过电子支付系统缴纳罚没款。到期不缴纳罚款的，本局可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额，并可以依法申请人民法院强制执行。`, { indent: true }),
          ]
        : []),
      line('如不服本决定，当事人可以在收到本决定书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。行政复议和行政诉讼期间，本决定不停止执行，法律另有规定的除外。', { indent: true }),
      ...signature(bureau, c.decidedOn!),
    ], undefined, c.decidedOn!);
  }

  function closingReport(c: CaseRow, bureau: string) {
    const amountDue = Number(c.amountDue ?? 0);
    const amountPaid = Number(c.amountPaid ?? 0);
    return doc('closing_report', `结案报告-${c.caseNo}.docx`, bureau, [
      field('案件编号', c.caseNo),
      field('当事人', party(c)),
      field('案件来源', LEAD_SOURCE_LABELS[c.leadSource]),
      field('立案日期', c.openedOn ? cnDate(c.openedOn) : null),
      field('承办人', c.investigatorNames.join('、')),
      field('处罚决定', c.documentNo ? `${c.documentNo}（${cnDate(c.decidedOn!)}）` : null),
      field('处罚内容', c.penaltyText),
      field('送达日期', c.servedOn ? cnDate(c.servedOn) : null),
      field('执行情况', amountDue > 0 ? `应缴罚没款人民币${formatYuan(amountDue)}元，已缴人民币${formatYuan(amountPaid)}元${c.enforcementAppliedOn ? `；${cnDate(c.enforcementAppliedOn)}已向${c.enforcementCourt ?? '人民法院'}申请强制执行` : ''}` : '无罚没款'),
      line('结案情况：'),
      ...paragraphs(c.closingSummary ?? '—'),
      field('结案日期', cnDate(c.closedOn!)),
      ...signature(bureau, c.closedOn!),
    ], undefined, c.closedOn!);
  }

  async function render(tx: Db, caseId: string, kind: CaseDocumentKind, opts: { evidenceId?: string } = {}): Promise<RenderedDocument> {
    const { c, bureau, contact } = await load(tx, caseId);
    if (!reached(c, kind)) throw notAvailable(c, kind);
    switch (kind) {
      case 'filing_approval':
        return filingApproval(c, bureau);
      case 'inquiry_record': {
        if (!opts.evidenceId) throw invalid('evidenceId', '请指定询问笔录对应的证据');
        const list = await inquiries(tx, c.id);
        const i = list.findIndex((e) => e.id === opts.evidenceId);
        if (i < 0) throw notFound('询问笔录');
        return inquiryRecord(c, bureau, list[i]!, i + 1);
      }
      case 'penalty_notice':
        return penaltyNotice(c, bureau, contact);
      case 'penalty_decision':
        return penaltyDecision(tx, c, bureau);
      case 'closing_report':
        return closingReport(c, bureau);
    }
  }

  return {
    /** One document of the case (`evidenceId` names the inquiry for `inquiry_record`); 409 DOCUMENT_NOT_AVAILABLE when the case has not reached its stage. No scope check: callers found the case first. */
    render,

    /** Every document the case has reached, in stage order (the police transfer's package). */
    async all(tx: Db, caseId: string): Promise<RenderedDocument[]> {
      const { c, bureau, contact } = await load(tx, caseId);
      const out: RenderedDocument[] = [];
      if (reached(c, 'filing_approval')) {
        out.push(await filingApproval(c, bureau));
        const list = await inquiries(tx, c.id);
        for (const [i, e] of list.entries()) out.push(await inquiryRecord(c, bureau, e, i + 1));
      }
      if (reached(c, 'penalty_notice')) out.push(await penaltyNotice(c, bureau, contact));
      if (reached(c, 'penalty_decision')) out.push(await penaltyDecision(tx, c, bureau));
      if (reached(c, 'closing_report')) out.push(await closingReport(c, bureau));
      return out;
    },

    /**
     * A document for a user (`GET /api/cases/:id/documents/:kind`): the case found in the actor's
     * scope by `find` (404 otherwise), then rendered. An inquiry record shows its interviewee in
     * full: the download is audited (`case.document_issued`, no personal data in the record).
     */
    async forActor(ctx: Ctx, find: (tx: Db, actor: Actor, id: string) => Promise<CaseRow>, caseId: string, kind: CaseDocumentKind, opts: { evidenceId?: string } = {}) {
      return inTransaction(deps.db, async (tx) => {
        const c = await find(tx, ctx.actor, caseId);
        const rendered = await render(tx, c.id, kind, opts);
        if (kind === 'inquiry_record') {
          await deps.audit.record(tx, ctx, { action: 'case.document_issued', targetType: 'case', targetId: c.id, after: { kind, evidenceId: opts.evidenceId ?? null, fileName: rendered.fileName, on: todayInChina() } });
        }
        return rendered;
      });
    },
  };
}

export type CaseDocuments = ReturnType<typeof makeCaseDocuments>;
