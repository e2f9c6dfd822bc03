import type { Readable } from 'node:stream';
import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { centred, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import { toCsv, toXlsx } from '../../../platform/files/export.js';
import type { ProductCategory } from '../../cases/index.js';
import type { DocumentFacts } from './publication.service.js';
import { CONCLUSION_NAMES, batchOf, failingItemsOf, institutionOfResult } from './results.js';

/** Product categories as printed. */
export const CATEGORY_NAMES: Record<ProductCategory, string> = {
  daily_consumer: '日用消费品',
  agricultural_inputs: '农资',
  building_materials: '建材',
  automotive: '汽车产品',
  electrical: '电子电器',
  food_related: '食品相关产品',
  children: '儿童用品',
  other: '其他',
};

const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** 0.9523 → 95.2%; null → —. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 21, font: 'FangSong' })] })] });
const table = (header: string[], rows: string[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) }))] });

/** The batch as printed: specification, production date, batch number (those given). */
const batchText = (r: DocumentFacts['results'][number]) => {
  const { specification, productionDate, batchNo } = batchOf(r);
  return [specification, productionDate ? `${productionDate}` : null, batchNo ? `批号 ${batchNo}` : null].filter(Boolean).join('／') || '—';
};

/**
 * 质量公告 (.docx): title, number and date; the summary (products, batches, passed, pass rate,
 * per product); the table of failing batches (enterprise, product, specification/batch, failing
 * items, institution); the city bureau's signature. A draft prints 草稿 in place of its number.
 */
export async function renderBulletinDocx(f: DocumentFacts, today: string) {
  const bl = f.bulletin;
  const total = f.summary.reduce((a, p) => ({ batches: a.batches + p.batches, passed: a.passed + p.passed }), { batches: 0, passed: 0 });
  const rate = total.batches ? total.passed / total.batches : null;
  const failing = f.results.filter((r) => r.finalConclusion === 'fail');
  const period = `${bl.year}年${bl.quarter ? QUARTER_NAMES[bl.quarter] : ''}`;
  const body: (Paragraph | Table)[] = [
    centred(bl.bulletinNo ?? '（草稿）'),
    line(
      `根据《中华人民共和国产品质量法》和《产品质量监督抽查管理暂行办法》，${f.cityName || '本局'}组织开展了${period}产品质量监督抽查，共抽查 ${f.summary.length} 种产品 ${total.batches} 批次，合格 ${total.passed} 批次，不合格 ${total.batches - total.passed} 批次，批次合格率 ${percent(rate)}。现将抽查结果公告如下：`,
      { indent: true },
    ),
    line('一、抽查结果汇总', { bold: true }),
    table(
      ['产品名称', '产品类别', '抽查批次', '合格批次', '不合格批次', '批次合格率'],
      [
        ...f.summary.map((p) => [p.productName, CATEGORY_NAMES[p.category], String(p.batches), String(p.passed), String(p.failed), percent(p.passRate)]),
        ['合计', '', String(total.batches), String(total.passed), String(total.batches - total.passed), percent(rate)],
      ],
    ),
    line('二、不合格产品及企业', { bold: true }),
    ...(failing.length
      ? [table(['企业名称', '产品名称', '规格型号／生产日期／批号', '不合格项目', '承检机构'], failing.map((r) => [r.enterpriseName ?? '', r.productName, batchText(r), failingItemsOf(r).join('、') || '—', institutionOfResult(r)]))]
      : [line('本次抽查未发现不合格产品。', { indent: true })]),
    line('三、后处理', { bold: true }),
    line('对抽查不合格的产品，已依法责令生产者、销售者限期改正；逾期不改正的，将依法予以公告并作进一步处理。全部抽查结果见附表（质量公告.xlsx）。', { indent: true }),
    ...signature(f.cityName, bl.publishedOn ?? today),
  ];
  const content = await renderDocx({ creator: f.cityName, title: bl.title, body: body as Paragraph[] });
  return { fileName: `${bl.title}.docx`, content };
}

/** The header of the results table (.xlsx, .csv): every batch of the bulletin. */
export const RESULT_COLUMNS = ['产品名称', '产品代码', '企业名称', '统一社会信用代码', '所在地区', '规格型号', '生产日期', '批号', '抽查结论', '不合格项目', '承检机构', '样品编号'];

/** The results table's rows, the header first (text cells; the platform's writers neutralise formulas). */
export async function* resultRows(f: DocumentFacts): AsyncGenerator<string[]> {
  yield RESULT_COLUMNS;
  for (const r of f.results) {
    const batch = batchOf(r);
    yield [r.productName, r.productCode, r.enterpriseName ?? '', r.uscc, r.regionName ?? r.regionCode, batch.specification ?? '', batch.productionDate ?? '', batch.batchNo ?? '', CONCLUSION_NAMES[r.finalConclusion!], failingItemsOf(r).join('、'), institutionOfResult(r), r.sampleNo];
  }
}

/** All batches of the bulletin as one .xlsx sheet (platform `toXlsx`: text cells, never formulas). */
export function renderBulletinXlsx(f: DocumentFacts): Readable {
  return toXlsx(resultRows(f), '质量公告');
}

/** The same as .csv (UTF-8 with BOM; cells that could start a formula get a leading '). */
export function renderBulletinCsv(f: DocumentFacts): Readable {
  return toCsv(resultRows(f));
}
