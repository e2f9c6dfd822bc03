import { AlignmentType, Document, Header, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

/** The pieces every document the bureau hands out is made of (告知书, 核查通知书, 决定书). */

/** 2026-03-01 → 2026年3月1日. */
export const cnDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const run = (text: string, opts: { bold?: boolean; size?: number; font?: string } = {}) => new TextRun({ text, bold: opts.bold, size: opts.size ?? 28, font: opts.font ?? 'FangSong' });

/** A body line; `indent` for a paragraph that starts two characters in. */
export const line = (text: string, opts: { bold?: boolean; indent?: boolean } = {}) =>
  new Paragraph({ spacing: { after: 120, line: 360 }, indent: opts.indent ? { firstLine: 480 } : undefined, children: [run(text, { bold: opts.bold })] });

/**
 * The note a document prints after a date counted in working days over a year without holiday data:
 * the same mark as the web's (⚠) with the reason (issue 12 item 5).
 */
export const UNCERTAIN_DEADLINE_NOTE = '⚠（该期限按未载入节假日数据的年份推算，可能不准确）';

/** A centred line, such as a decision's document number under its title. */
export const centred = (text: string, opts: { pageBreakBefore?: boolean; bold?: boolean } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, pageBreakBefore: opts.pageBreakBefore, spacing: { after: 240 }, children: [run(text, { bold: opts.bold })] });

/** The address and phone a bureau gives the public (its org record); null where not filled in. */
export interface BureauContact {
  address: string | null;
  phone: string | null;
}

/**
 * Where the addressee answers a document (a defence, an objection): 本局地址：…；联系电话：…。 with
 * what the bureau's org record has, or nothing when it has neither.
 */
export const contactLine = ({ address, phone }: BureauContact): Paragraph[] =>
  address || phone ? [line(`${[address && `本局地址：${address}`, phone && `联系电话：${phone}`].filter(Boolean).join('；')}。`, { indent: true })] : [];

/** The issuing bureau and the date, right-aligned at the foot. */
export const signature = (bureau: string, date: string) => [
  new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [run(bureau)] }),
  new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(cnDate(date))] }),
];

/**
 * A one-section .docx with a bold centred title (`spacedTitle` as printed, e.g. 告 知 书) and,
 * when given, a `header` line at the top right of every page (e.g. 内部资料 仅供监管使用).
 */
export function renderDocx(opts: { creator: string; title: string; spacedTitle?: string; header?: string; body: Paragraph[] }): Promise<Buffer> {
  const heading = new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(opts.spacedTitle ?? opts.title, { bold: true, size: 44, font: 'SimHei' })] });
  const headers = opts.header ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(opts.header, { bold: true, size: 21 })] })] }) } : undefined;
  const doc = new Document({ creator: opts.creator, title: opts.title, sections: [{ headers, children: [heading, ...opts.body] }] });
  return Packer.toBuffer(doc);
}
