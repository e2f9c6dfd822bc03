import { cnDate, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import type { ListingRow } from './views.js';

/**
 * 列入严重违法失信名单告知书 (Order 44: notice before listing, with the right to state one's case):
 * the enterprise, the facts and legal basis, the last day to answer, the bureau and the day noticed.
 */
export function renderListingNotice(row: ListingRow, bureau: string): Promise<Buffer> {
  const source = row.caseNo ? `（案件编号：${row.caseNo}）` : '';
  const body = [
    line(`${row.enterpriseName}（统一社会信用代码：${row.uscc}）：`),
    line(`经查，你单位${row.reason}${source}。依据${row.legalBasis}，本局拟将你单位列入严重违法失信名单（编号：${row.listingNo}）。`, { indent: true }),
    line(
      `根据《市场监督管理严重违法失信名单管理办法》的规定，你单位有权进行陈述、申辩。请于${cnDate(row.answerDue!)}前（含当日）通过企业账号提交陈述申辩意见或书面提交本局；逾期未提出的，视为放弃陈述、申辩的权利。`,
      { indent: true },
    ),
    line('列入严重违法失信名单的，将通过国家企业信用信息公示系统等向社会公示，并依法实施相应管理措施。', { indent: true }),
    ...signature(bureau, row.noticeSentOn!),
  ];
  return renderDocx({ creator: bureau, title: '列入严重违法失信名单告知书', spacedTitle: '列入严重违法失信名单告知书', body });
}
