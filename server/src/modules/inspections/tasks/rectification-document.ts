import { cnDate, centred, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import type { Finding } from './tasks.schema.js';

export interface RectificationFacts {
  documentNo: string;
  enterpriseName: string;
  uscc: string;
  itemName: string;
  legalBasis: string;
  inspectedOn: string;
  findings: readonly Finding[];
  requirements: string;
  dueOn: string;
  bureau: string;
  issuedOn: string;
}

const SEVERITY_LABELS: Record<Finding['severity'], string> = { minor: '一般', major: '较重', critical: '严重' };

/** The rectification order (责令整改通知书): what the check found, what to correct, by when, and the remedies. */
export async function renderRectificationOrder(f: RectificationFacts) {
  const title = '责令整改通知书';
  const content = await renderDocx({
    creator: f.bureau,
    title,
    body: [
      centred(f.documentNo),
      line(`${f.enterpriseName}（统一社会信用代码：${f.uscc}）：`),
      line(`${cnDate(f.inspectedOn)}，本局执法人员依据${f.legalBasis}，对你单位进行了“${f.itemName}”检查，发现以下问题：`, { indent: true }),
      ...f.findings.map((x, i) => line(`${i + 1}. ${x.text}（${SEVERITY_LABELS[x.severity]}）`, { indent: true })),
      line(`现责令你单位于${cnDate(f.dueOn)}前按以下要求整改完毕：${f.requirements}`, { indent: true }),
      line('整改完成后，请将整改情况书面报告本局，本局将在收到报告之日起十个工作日内进行复查。逾期不整改或者整改不合格的，本局将依法处理。', { indent: true }),
      line('如不服本通知，可以在收到本通知书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。', { indent: true }),
      ...signature(f.bureau, f.issuedOn),
    ],
  });
  return { fileName: `${title}-${f.enterpriseName}-${f.documentNo}.docx`, content };
}
