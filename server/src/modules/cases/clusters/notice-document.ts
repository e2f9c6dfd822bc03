import { centred, cnDate, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import type { RiskProblem } from './clusters.schema.js';

export interface RiskNoticeFacts {
  documentNo: string;
  /** The issuing bureau's full name. */
  bureau: string;
  /** The local government it is addressed to. */
  government: string;
  cluster: string;
  regionName: string;
  industry: string | null;
  memberCount: number;
  issuedOn: string;
  problems: readonly RiskProblem[];
  recommendations: string;
  replyDueOn: string;
}

const EVIDENCE_KINDS: Record<RiskProblem['evidence'][number]['type'], string> = { inspection_task: '监督检查', case: '行政处罚案件', complaint: '投诉举报', spot_check: '监督抽查', text: '其他' };

const paragraphs = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => line(l, { indent: true }));

/**
 * 质量风险提示函 to the local government (§三(二)1(2)): the cluster, each problem found with the
 * evidence behind it, the recommendations, and by when the government is asked to reply.
 */
export async function renderRiskNotice(f: RiskNoticeFacts) {
  const title = '质量风险提示函';
  const content = await renderDocx({
    creator: f.bureau,
    title,
    body: [
      centred(f.documentNo),
      line(`${f.government}：`),
      line(
        `本局在对${f.regionName}${f.cluster}${f.industry ? `（${f.industry}）` : ''}${f.memberCount} 家企业的质量监管中，发现该产业集聚区存在以下质量安全风险，现予提示：`,
        { indent: true },
      ),
      line('一、发现的问题', { bold: true }),
      ...f.problems.flatMap((p, i) => [
        line(`（${i + 1}）${p.title}。${p.detail}`, { indent: true }),
        ...p.evidence.map((e, j) => line(`证据${j + 1}：${EVIDENCE_KINDS[e.type]}\u3000${e.label}${e.ref ? `（${e.ref}）` : ''}`, { indent: true })),
      ]),
      line('二、建议', { bold: true }),
      ...paragraphs(f.recommendations),
      line('三、回复要求', { bold: true }),
      line(`请于${cnDate(f.replyDueOn)}前将采取的措施及工作进展书面回复本局。`, { indent: true }),
      ...signature(f.bureau, f.issuedOn),
    ],
  });
  return { title, fileName: `${title}-${f.cluster}-${f.documentNo}.docx`, content };
}
