import { UNCERTAIN_DEADLINE_NOTE, cnDate, centred, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import type { Finding } from './tasks.schema.js';

export interface RectificationFacts {
  documentNo: string;
  enterpriseName: string;
  uscc: string;
  /** The enterprise's registered address, where the notice is served; null when the register has none. */
  address: string | null;
  itemName: string;
  legalBasis: string;
  inspectedOn: string;
  /** The task's inspectors, in the task's order, with their enforcement certificate numbers (null: no profile). */
  inspectors: readonly { name: string; certificateNo: string | null }[];
  findings: readonly Finding[];
  requirements: string;
  dueOn: string;
  /** False when the deadline was counted over a year without holiday data. */
  dueCertain: boolean;
  bureau: string;
  issuedOn: string;
}

const SEVERITY_LABELS: Record<Finding['severity'], string> = { minor: '一般', major: '较重', critical: '严重' };

/** The check as named in the notice: an item already called a check (…检查, …抽查) is not followed by 检查 again. */
export function checkPhrase(itemName: string): string {
  const name = itemName.trim();
  return /(检查|抽查|核查|检验|检测|巡查)$/.test(name) ? `“${name}”` : `“${name}”检查`;
}

/** The requirements as the officer typed them, one paragraph per non-empty line. */
export function requirementLines(requirements: string): string[] {
  return requirements
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** 张三（执法证号：苏执001）、李四（执法证号：苏执002）. */
function inspectorList(inspectors: RectificationFacts['inspectors']): string {
  return inspectors.map((i) => `${i.name}（执法证号：${i.certificateNo ?? '未登记'}）`).join('、');
}

/** The proof of service (送达回证), on a page of its own after the notice: filled in and signed when the notice is handed over. */
function serviceSection(f: RectificationFacts) {
  const blank = '＿＿＿＿＿＿＿＿';
  const sp = '\u3000'; // an ideographic space, as forms print them
  return [
    centred('送 达 回 证', { pageBreakBefore: true, bold: true }),
    line(`文书名称及文号：责令整改通知书（${f.documentNo}）`),
    line(`受送达人：${f.enterpriseName}（统一社会信用代码：${f.uscc}）`),
    line(`送达地点：${f.address?.trim() || blank}`),
    line(`送达方式：□直接送达${sp}□留置送达${sp}□邮寄送达${sp}□电子送达`),
    line(`送达人：${inspectorList(f.inspectors)}`),
    line(`送达人签名：${blank}${sp}${sp}送达日期：${sp}${sp}年${sp}${sp}月${sp}${sp}日`),
    line(`受送达人签名或盖章：${blank}${sp}${sp}签收日期：${sp}${sp}年${sp}${sp}月${sp}${sp}日`),
    line(`备注（拒绝签收的，注明事由、见证人）：${blank}`),
  ];
}

/**
 * The rectification order (责令整改通知书): who checked (names and certificate numbers), what the
 * check found, what to correct (one paragraph per line of the requirements), by when (marked when
 * the calendar could not be sure of the date), the remedies, and the proof of service (送达回证).
 */
export async function renderRectificationOrder(f: RectificationFacts) {
  const title = '责令整改通知书';
  const content = await renderDocx({
    creator: f.bureau,
    title,
    body: [
      centred(f.documentNo),
      line(`${f.enterpriseName}（统一社会信用代码：${f.uscc}）：`),
      line(`${cnDate(f.inspectedOn)}，本局执法人员${inspectorList(f.inspectors)}依据${f.legalBasis}，对你单位进行了${checkPhrase(f.itemName)}，发现以下问题：`, { indent: true }),
      ...f.findings.map((x, i) => line(`${i + 1}. ${x.text}（${SEVERITY_LABELS[x.severity]}）`, { indent: true })),
      line(`现责令你单位于${cnDate(f.dueOn)}前按以下要求整改完毕${f.dueCertain ? '' : UNCERTAIN_DEADLINE_NOTE}：`, { indent: true }),
      ...requirementLines(f.requirements).map((l) => line(l, { indent: true })),
      line('整改完成后，请将整改情况书面报告本局，本局将在收到报告之日起十个工作日内进行复查。逾期不整改或者整改不合格的，本局将依法处理。', { indent: true }),
      line('如不服本通知，可以在收到本通知书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。', { indent: true }),
      ...signature(f.bureau, f.issuedOn),
      ...serviceSection(f),
    ],
  });
  return { fileName: `${title}-${f.enterpriseName}-${f.documentNo}.docx`, content };
}
