import { cnDate, line, renderDocx, signature } from '../../platform/documents/docx.js';

/** What the notice (告知书) to a licence holder says, beyond the fixed obligations. */
export interface NoticeFacts {
  enterpriseName: string;
  uscc: string;
  typeName: string;
  number: string;
  scope: string | null;
  issuedOn: string;
  expiresOn: string | null;
  issuer: string;
  legalBasis: string;
  /** The bureau giving the notice (the issuing officer's organization). */
  bureau: string;
}

/**
 * The obligations stated on issuing (seed §三(一)2(1): the applicant is told that it must obey the
 * applicable laws and regulations before it operates), and the measures the bureau may take.
 */
function obligations(f: NoticeFacts): string[] {
  return [
    `须遵守${f.legalBasis}等相应法律、法规和规章，依法开展生产经营活动，并在许可范围内从事相关活动。`,
    '企业名称、住所、法定代表人、生产地址等登记事项发生变化的，应当依法及时办理变更手续。',
    '不得伪造、变造、出租、出借或者以其他形式非法转让许可证书，不得超出许可范围从事生产经营活动。',
    f.expiresOn ? `许可证书有效期至${cnDate(f.expiresOn)}；需要继续从事相关活动的，应当在有效期届满前依法申请延续。` : '许可证书长期有效；许可条件发生变化的，应当及时报告。',
    '应当持续保持取得许可时的条件，接受并配合市场监督管理部门的监督检查。',
    '不再具备许可条件、违反法律法规，或者经其他许可审批部门反馈存在相关情形的，本局将依法采取警示管理、责令限期办理变更登记、暂停直至吊销、撤销或注销许可证书等监管措施。',
  ];
}

/** The notice as a .docx file. */
export function renderNotice(f: NoticeFacts, today: string): Promise<Buffer> {
  return renderDocx({
    creator: f.bureau,
    title: `${f.typeName}告知书`,
    spacedTitle: '告 知 书',
    body: [
      line(`${f.enterpriseName}（统一社会信用代码：${f.uscc}）：`),
      line(`你单位已取得${f.typeName}（编号：${f.number}${f.scope ? `，许可范围：${f.scope}` : ''}），发证机关：${f.issuer}，发证日期：${cnDate(f.issuedOn)}。现将有关事项告知如下：`, { indent: true }),
      ...obligations(f).map((o, i) => line(`${i + 1}. ${o}`, { indent: true })),
      line('特此告知。', { indent: true }),
      ...signature(f.bureau, today),
    ],
  });
}
