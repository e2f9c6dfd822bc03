import { UNCERTAIN_DEADLINE_NOTE, cnDate, centred, line, renderDocx, signature } from '../../../platform/documents/docx.js';
import { LAW_AREA_LABELS } from './exit-rules.js';
import type { ExitKind, LawArea } from './exits.schema.js';

/** The holder and the licence a document is about, and the bureau that issues it. */
export interface DocumentParties {
  enterpriseName: string;
  uscc: string;
  typeName: string;
  number: string;
  bureau: string;
}

/** What was reported, as recorded when the procedure opened. */
export interface TriggerFacts {
  kind: ExitKind;
  triggerParty: string;
  triggerSummary: string;
  triggerDocumentNo: string | null;
  triggerOn: string;
  lawArea: LawArea | null;
}

const addressee = (p: DocumentParties) => line(`${p.enterpriseName}（统一社会信用代码：${p.uscc}）：`);
const licenceOf = (p: DocumentParties) => `${p.typeName}（证书编号：${p.number}）`;
/** A text an officer typed, without its closing punctuation, to be set inside a sentence. */
const bare = (s: string) => s.trim().replace(/[。．.；;，,]+$/u, '');
const docNo = (t: TriggerFacts) => (t.triggerDocumentNo ? `（${t.triggerDocumentNo}）` : '');

/** The facts that started the procedure, in the words of its workflow (seed §三(三)1–3). */
function reported(t: TriggerFacts, p: DocumentParties): string {
  const on = cnDate(t.triggerOn);
  switch (t.kind) {
    case 'conditions_lost':
      return `${on}，本局收到${t.triggerParty}反映${docNo(t)}：${bare(t.triggerSummary)}。反映的情况表明，你单位可能已不再具备取得${licenceOf(p)}的许可条件。`;
    case 'closure':
      return `${on}，${t.triggerParty}作出关闭决定${docNo(t)}：${bare(t.triggerSummary)}。`;
    case 'serious_violation':
      return `${on}，${t.triggerParty}认定你单位违反${LAW_AREA_LABELS[t.lawArea!]}法律、行政法规，情节严重，并提请本局吊销相应许可资质${docNo(t)}：${bare(t.triggerSummary)}。`;
  }
}

const fileName = (title: string, p: DocumentParties) => `${title}-${p.typeName}-${p.number}.docx`;

/** The investigation notice (核查通知书) telling the holder it is investigated, by whom and until when. */
export async function renderInvestigationNotice(p: DocumentParties, t: TriggerFacts, investigation: { investigatorName: string; dueOn: string; dueCertain: boolean }, today: string) {
  const title = '核查通知书';
  const content = await renderDocx({
    creator: p.bureau,
    title,
    spacedTitle: '核 查 通 知 书',
    body: [
      addressee(p),
      line(reported(t, p), { indent: true }),
      line(`根据有关法律法规的规定，本局决定对你单位是否仍具备许可条件进行调查核实。核查人员：${investigation.investigatorName}；核查期限：自本通知送达之日起至${cnDate(investigation.dueOn)}止${investigation.dueCertain ? '' : UNCERTAIN_DEADLINE_NOTE}。`, { indent: true }),
      line('请你单位积极配合，如实提供有关材料和情况；认为具有正当理由的，请在核查期限内向本局书面说明并提供证明材料。无正当理由的，本局将依法取消你单位相应的许可资质。', { indent: true }),
      line('特此通知。', { indent: true }),
      ...signature(p.bureau, today),
    ],
  });
  return { fileName: fileName(title, p), content };
}

export interface DecisionFacts {
  outcome: 'revoked' | 'cancelled';
  documentNo: string;
  reason: string;
  legalBasis: string;
  /** The investigation's findings (conditions_lost only). */
  findings: string | null;
}

/** The decision (吊销许可证决定书 / 注销许可证决定书): its number, the facts, the legal basis, the remedies. */
export async function renderDecision(p: DocumentParties, t: TriggerFacts, d: DecisionFacts, today: string) {
  const title = d.outcome === 'revoked' ? '吊销许可证决定书' : '注销许可证决定书';
  const verb = d.outcome === 'revoked' ? '吊销' : '注销';
  const content = await renderDocx({
    creator: p.bureau,
    title,
    body: [
      centred(d.documentNo),
      addressee(p),
      line(reported(t, p), { indent: true }),
      ...(d.findings ? [line(`本局依法进行了调查核实，查明：${bare(d.findings)}。你单位未能提出正当理由。`, { indent: true })] : []),
      line(d.reason, { indent: true }),
      line(`依据${d.legalBasis}，本局决定：${verb}你单位${licenceOf(p)}。自本决定作出之日起，该许可证书失效，你单位不得继续从事相应许可范围内的活动。`, { indent: true }),
      line('如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。', { indent: true }),
      ...signature(p.bureau, today),
    ],
  });
  return { fileName: fileName(title, p), content };
}
