import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { line, renderDocx } from '../../../platform/documents/docx.js';
import type { ArchiveReport } from './archive.service.js';
import { INTERNAL_MARK, REPORT_TITLE, chinaTime, creditRows, enterpriseRows, listingText, reasonRows, reportFileNames, summaryRows, timelineNote, timelineRows } from './report-content.js';

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 21, font: 'FangSong' })] })] });
const table = (header: string[] | null, rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [...(header ? [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) })] : []), ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) }))],
  });

/** 企业质量信用档案 (.docx): the internal mark in every page's header, then the sections of report-content.ts. */
export async function renderArchiveDocx(r: ArchiveReport) {
  const reasons = reasonRows(r);
  const body: (Paragraph | Table)[] = [
    line(`监管机关：${r.bureau}；生成时间：${chinaTime(r.generatedAt)}`),
    line('一、企业基本信息', { bold: true }),
    table(null, enterpriseRows(r)),
    line('二、信用风险分类与评分', { bold: true }),
    table(null, creditRows(r)),
    line('评分依据：', { bold: true }),
    reasons.length ? table(['事项', '分值'], reasons) : line('无加减分事项。', { indent: true }),
    line('三、信用信息汇总', { bold: true }),
    table(['领域', '项目', '数量'], summaryRows(r)),
    line('四、严重违法失信名单', { bold: true }),
    line(listingText(r), { indent: true }),
    line('五、信用记录', { bold: true }),
    line(timelineNote(r)),
    r.timeline.length ? table(['日期', '领域', '事项'], timelineRows(r)) : line('该时间范围内无信用记录。', { indent: true }),
  ];
  const content = await renderDocx({ creator: r.bureau, title: `${REPORT_TITLE}（${r.enterprise.name}）`, spacedTitle: REPORT_TITLE, header: INTERNAL_MARK, body: body as Paragraph[] });
  return { ...reportFileNames(r.enterprise.uscc, 'docx'), content };
}
