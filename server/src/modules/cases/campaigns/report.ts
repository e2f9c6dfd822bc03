import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { cnDate, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import { xlsxText } from '../../../platform/files/export.js';
import type { CaseStage } from '../cases.schema.js';
import { CATEGORY_NAMES, type CampaignsService, STATUS_NAMES } from './campaigns.service.js';

export type ReportFacts = Awaited<ReturnType<CampaignsService['reportFacts']>>;

/** Stage names as printed. */
export const STAGE_NAMES: Record<CaseStage, string> = {
  lead: '线索待立案',
  declined: '不予立案',
  investigating: '调查取证',
  reviewing: '案件审核',
  notified: '已告知',
  hearing: '听证',
  decided: '已作出处罚决定',
  served: '已送达',
  executing: '执行中',
  closed: '已结案',
  transferred: '已移送公安机关',
};

/** The columns of the per-bureau table, in order (the same in the .docx and the .xlsx). */
export const BUREAU_COLUMNS = [
  ['tasks', '检查任务（户）'],
  ['done', '已完成检查（户）'],
  ['withFindings', '发现问题（户）'],
  ['violations', '发现问题（项）'],
  ['cases', '案件线索（件）'],
  ['opened', '立案（件）'],
  ['decided', '作出处罚决定（件）'],
  ['fines', '罚没金额（元）'],
  ['transfers', '移送公安机关（件）'],
] as const;

type Row = ReportFacts['totals'];

const money = (n: number) => n.toFixed(2);
const cellText = (key: keyof Row, r: Row) => (key === 'fines' ? money(r.fines) : String(r[key]));

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 21, font: 'FangSong' })] })] });

function table(header: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r, i) => new TableRow({ children: r.map((t) => cell(t, i === rows.length - 1 && r[0] === '合计')) }))],
  });
}

const periodOf = (f: ReportFacts) => `${cnDate(f.campaign.startOn)}至${cnDate(f.campaign.endOn)}`;

/** The per-bureau rows with the 合计 row last: the bureaus' numbers add up to it. */
export function bureauRows(f: ReportFacts): string[][] {
  return [...f.bureaus.map((b) => [b.participating ? b.orgName : `${b.orgName}（非参与单位）`, ...BUREAU_COLUMNS.map(([k]) => cellText(k, b))]), ['合计', ...BUREAU_COLUMNS.map(([k]) => cellText(k, f.totals))]];
}

/** 专项执法行动情况报告 (.docx): the campaign, the lottery, the checks, the violations, the cases, fines and transfers, per bureau. */
export async function renderReportDocx(f: ReportFacts, today: string) {
  const c = f.campaign;
  const t = f.totals;
  const title = `${c.name}专项执法行动情况报告`;
  const stages = Object.entries(f.byStage)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${STAGE_NAMES[s as CaseStage]} ${n} 件`);
  const body: (Paragraph | Table)[] = [
    line('一、行动概况', { bold: true }),
    line(
      `本次专项执法行动针对${CATEGORY_NAMES[c.productCategory]}，行动期间为${periodOf(f)}（状态：${STATUS_NAMES[c.status]}），由${f.orgName}组织，${f.bureaus.filter((b) => b.participating).map((b) => b.orgName).join('、')}参加。检查对象按“双随机、一公开”要求从对象库中公开摇号抽取（抽取算法 zhijian-draw/2，抽取记录在本局网站公开，可自行核验），计划抽取 ${c.targetCount} 户。`,
      { indent: true },
    ),
    ...(c.description ? [line(c.description, { indent: true })] : []),
    line('二、检查与发现问题情况', { bold: true }),
    line(`共下达检查任务 ${t.tasks} 户，已完成检查 ${t.done} 户；发现问题的 ${t.withFindings} 户，共发现问题 ${t.violations} 项。`, { indent: true }),
    line('三、案件查办情况', { bold: true }),
    line(
      `共形成案件线索 ${t.cases} 件，其中立案 ${t.opened} 件，作出行政处罚决定 ${t.decided} 件，罚没金额合计人民币 ${money(t.fines)} 元，移送公安机关 ${t.transfers} 件。${stages.length ? `按办案环节：${stages.join('，')}。` : ''}`,
      { indent: true },
    ),
    line('四、各单位情况', { bold: true }),
    table(['单位', ...BUREAU_COLUMNS.map(([, h]) => h)], bureauRows(f)),
    ...(f.items.length
      ? [
          line('五、案件清单', { bold: true }),
          table(
            ['案件编号', '当事人', '办案环节', '处罚决定', '罚没金额（元）', '移送'],
            f.items.map((k) => [k.caseNo, k.partyName, STAGE_NAMES[k.stage], k.penaltyText ?? '', k.decidedOn && k.amountDue !== null ? money(k.amountDue) : '', k.transfers ? '是' : '']),
          ),
        ]
      : []),
    ...signature(f.orgName, today),
  ];
  const content = await renderDocx({ creator: f.orgName, title, body: body as Paragraph[] });
  return { title, fileName: `${title}.docx`, content };
}

/** The same report as a workbook: 汇总 (per bureau and 合计), 案件 (one row per case), 办案环节 (cases per stage). */
export async function renderReportXlsx(f: ReportFacts) {
  const c = f.campaign;
  const title = `${c.name}专项执法行动情况报告`;
  const wb = new ExcelJS.Workbook();
  wb.creator = f.orgName;
  const text = (v: string) => xlsxText(v);
  const summary = wb.addWorksheet('汇总');
  summary.addRow([text(title)]);
  summary.addRow([text(`产品类别：${CATEGORY_NAMES[c.productCategory]}\u3000行动期间：${c.startOn} 至 ${c.endOn}\u3000状态：${STATUS_NAMES[c.status]}\u3000计划抽取：${c.targetCount} 户`)]);
  summary.addRow([]);
  summary.addRow(['单位', ...BUREAU_COLUMNS.map(([, h]) => h)]);
  const numbers = (r: Row) => BUREAU_COLUMNS.map(([k]) => (k === 'fines' ? Number(money(r.fines)) : r[k]));
  for (const b of f.bureaus) summary.addRow([text(b.participating ? b.orgName : `${b.orgName}（非参与单位）`), ...numbers(b)]);
  summary.addRow(['合计', ...numbers(f.totals)]);
  summary.getColumn(BUREAU_COLUMNS.findIndex(([k]) => k === 'fines') + 2).numFmt = '0.00';
  summary.getColumn(1).width = 28;

  const list = wb.addWorksheet('案件');
  list.addRow(['案件编号', '当事人', '统一社会信用代码', '区划', '办案环节', '立案日期', '决定日期', '处罚决定', '罚没金额（元）', '移送公安机关（次）']);
  for (const k of f.items) {
    list.addRow([text(k.caseNo), text(k.partyName), text(k.uscc ?? ''), k.regionCode, STAGE_NAMES[k.stage], k.openedOn ?? '', k.decidedOn ?? '', text(k.penaltyText ?? ''), k.decidedOn && k.amountDue !== null ? k.amountDue : null, k.transfers]);
  }
  const stages = wb.addWorksheet('办案环节');
  stages.addRow(['办案环节', '案件（件）']);
  for (const [s, n] of Object.entries(f.byStage)) stages.addRow([STAGE_NAMES[s as CaseStage], n]);
  stages.addRow(['合计', f.totals.cases]);
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  return { title, fileName: `${title}.xlsx`, content };
}
