import { centred, cnDate, line, renderDocx, signature } from '../../../platform/documents/docx.js';

export interface OrderFacts {
  orderNo: string;
  bureau: string;
  enterpriseName: string;
  productName: string;
  sampleNo: string;
  batchNo: string | null;
  institutionName: string;
  reportNo: string | null;
  /** The conclusion is the retest's (an objection was retested). */
  retested: boolean;
  failingItems: string[];
  issuedOn: string;
  dueOn: string;
  note: string | null;
}

/** 责令整改通知书 (产品质量法 §17): the failed sample, the failing items, the deadline to correct and report. */
export function renderOrder(f: OrderFacts): Promise<Buffer> {
  const batch = f.batchNo ? `（批号：${f.batchNo}）` : '';
  const report = f.reportNo ? `（检验报告编号：${f.reportNo}）` : '';
  const body = [
    centred(f.orderNo),
    line(`${f.enterpriseName}：`),
    line(
      `本局组织的产品质量监督抽查中，你单位的${f.productName}${batch}（样品编号：${f.sampleNo}）经${f.institutionName}检验${report}${f.retested ? '，经复检' : ''}，结论为不合格，不合格项目：${f.failingItems.join('、') || '见检验报告'}。`,
      { indent: true },
    ),
    line(`依据《中华人民共和国产品质量法》第十七条的规定，现责令你单位对不合格产品进行整改，并于${cnDate(f.dueOn)}前完成整改，将整改情况书面报告本局。本局将进行复查；逾期不改正的，将依法予以公告并采取进一步措施。`, { indent: true }),
    ...(f.note ? [line(f.note, { indent: true })] : []),
    ...signature(f.bureau, f.issuedOn),
  ];
  return renderDocx({ creator: f.bureau, title: '责令整改通知书', spacedTitle: '责令整改通知书', body });
}
