import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { type BureauContact, UNCERTAIN_DEADLINE_NOTE, centred, cnDate, contactLine, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import type { ItemResult, SamplingRecord } from '../spotchecks.schema.js';

/** What the 检验结果通知书 states. */
export interface NoticeFacts {
  noticeNo: string;
  /** The issuing (city) bureau's full name. */
  bureau: string;
  /** Where the enterprise sends its objection: the bureau's address and phone, as its org record has them. */
  bureauContact: BureauContact;
  notifiedOn: string;
  enterpriseName: string;
  uscc: string;
  productName: string;
  productCode: string;
  sampleNo: string;
  record: SamplingRecord | null;
  institutionName: string;
  reportNo: string;
  reportedOn: string;
  items: readonly (ItemResult & { critical: boolean })[];
  conclusion: 'pass' | 'fail';
  objectionDays: number;
  /** Known once the enterprise received the notice. */
  objectionDueOn: string | null;
  objectionDueCertain: boolean;
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 21, font: 'FangSong' })] })] });

function itemsTable(items: NoticeFacts['items']) {
  const header = ['序号', '检验项目', '标准要求', '实测结果', '单项判定'];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...items.map((it, i) => new TableRow({ children: [String(i + 1), `${it.item}${it.critical ? '（A类）' : ''}`, it.requirement, it.measured, it.pass ? '合格' : '不合格'].map((t) => cell(t)) })),
    ],
  });
}

/**
 * 检验结果通知书 to the sampled enterprise: the product, the enterprise, the sample (batch, dates,
 * quantity), the institution and its report, the items table, the conclusion, and the right to
 * object within the window (产品质量法 §15) — to the bureau that organised the spot check.
 */
export async function renderNotice(f: NoticeFacts) {
  const title = '产品质量监督抽查检验结果通知书';
  const r = f.record;
  const due = f.objectionDueOn
    ? `本通知书送达后，你单位对检验结果有异议的，可以自收到本通知书之日起 ${f.objectionDays} 日内（即${cnDate(f.objectionDueOn)}前${f.objectionDueCertain ? '' : UNCERTAIN_DEADLINE_NOTE}）`
    : `你单位对检验结果有异议的，可以自收到本通知书之日起 ${f.objectionDays} 日内`;
  const body: (Paragraph | Table)[] = [
    centred(f.noticeNo),
    line(`${f.enterpriseName}（统一社会信用代码：${f.uscc}）：`),
    line(
      `本局组织的产品质量监督抽查中，对你单位的${f.productName}（产品代码 ${f.productCode}）进行了抽样检验，抽样单编号 ${f.sampleNo}${r ? `，抽样日期${cnDate(r.sampledOn)}，抽样地点${r.place}，批号 ${r.batchNo}${r.productionDate ? `，生产日期${cnDate(r.productionDate)}` : ''}${r.specification ? `，规格型号 ${r.specification}` : ''}，抽样数量 ${r.quantitySampled}，抽样基数 ${r.baseCount}` : ''}。`,
      { indent: true },
    ),
    line(`样品由${f.institutionName}检验，检验报告编号 ${f.reportNo}（${cnDate(f.reportedOn)}）。检验结果如下：`, { indent: true }),
    itemsTable(f.items),
    line(`检验结论：${f.conclusion === 'pass' ? '经抽样检验，所检项目符合标准要求，判定为合格。' : `经抽样检验，${f.items.filter((i) => !i.pass).map((i) => i.item).join('、')}不符合标准要求，判定为不合格。`}`, { bold: true }),
    line(
      `${due}，向本局书面提出复检申请，并说明异议的项目和理由；逾期未提出异议的，视为承认检验结果（《中华人民共和国产品质量法》第十五条）。期限最后一日为法定节假日或休息日的，顺延至其后的第一个工作日。`,
      { indent: true },
    ),
    ...contactLine(f.bureauContact),
    ...(f.conclusion === 'fail' ? [line('检验结果确定后，你单位应当按照《中华人民共和国产品质量法》第十七条的规定，在本局责令的期限内予以改正。', { indent: true })] : []),
    ...signature(f.bureau, f.notifiedOn),
  ];
  const content = await renderDocx({ creator: f.bureau, title, spacedTitle: '检验结果通知书', body: body as Paragraph[] });
  return { title, fileName: `检验结果通知书-${f.sampleNo}.docx`, content };
}
