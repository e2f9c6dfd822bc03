import { pdfHeading, pdfLine, pdfTable, pdfTitle, startPdf } from '../../../platform/documents/pdf.js';
import type { ArchiveReport } from './archive.service.js';
import { INTERNAL_MARK, REPORT_TITLE, chinaTime, creditRows, enterpriseRows, listingText, reasonRows, reportFileNames, summaryRows, timelineNote, timelineRows } from './report-content.js';

/**
 * 企业质量信用档案 (.pdf) in the report's font: the same sections as the .docx, the internal mark at
 * the top of every page. Returns the document as a stream (already ended) and its file names.
 */
export function renderArchivePdf(r: ArchiveReport) {
  if (!r.font) throw new Error('renderArchivePdf: the report was made without a PDF font');
  const doc = startPdf(r.font, { title: `${REPORT_TITLE}（${r.enterprise.name}）`, author: r.bureau, header: INTERNAL_MARK });
  pdfTitle(doc, REPORT_TITLE);
  pdfLine(doc, `监管机关：${r.bureau}；生成时间：${chinaTime(r.generatedAt)}`);
  pdfHeading(doc, '一、企业基本信息');
  pdfTable(doc, ['项目', '内容'], [0.3, 0.7], enterpriseRows(r));
  pdfHeading(doc, '二、信用风险分类与评分');
  pdfTable(doc, ['项目', '内容'], [0.3, 0.7], creditRows(r));
  const reasons = reasonRows(r);
  if (reasons.length) pdfTable(doc, ['评分依据', '分值'], [0.82, 0.18], reasons);
  else pdfLine(doc, '评分依据：无加减分事项。');
  pdfHeading(doc, '三、信用信息汇总');
  pdfTable(doc, ['领域', '项目', '数量'], [0.18, 0.42, 0.4], summaryRows(r));
  pdfHeading(doc, '四、严重违法失信名单');
  pdfLine(doc, listingText(r));
  pdfHeading(doc, '五、信用记录');
  pdfLine(doc, timelineNote(r));
  if (r.timeline.length) pdfTable(doc, ['日期', '领域', '事项'], [0.16, 0.16, 0.68], timelineRows(r));
  else pdfLine(doc, '该时间范围内无信用记录。');
  const pages = doc.pages();
  doc.end();
  return { ...reportFileNames(r.enterprise.uscc, 'pdf'), stream: doc, pages };
}
