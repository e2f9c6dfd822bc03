import JSZip from 'jszip';
import { todayInChina } from '../../../platform/calendar/dates.js';
import type { ExitKind } from './exits.schema.js';
import type { OpenExitInput } from './exits.service.js';

let seq = 0;

/** What opens a procedure of `kind` on a licence: a complaint, a closure decision or a department's finding. */
export function exitInput(kind: ExitKind, licenceId: string, investigatorId?: string): OpenExitInput {
  const base = { licenceId, kind, triggerSummary: '企业生产场所已搬离，现场无生产设备', triggerOn: todayInChina() };
  switch (kind) {
    case 'conditions_lost':
      return { ...base, triggerSource: 'complaint', triggerParty: '12315 投诉举报', investigatorId, investigationWorkingDays: 10 };
    case 'closure':
      return { ...base, triggerSource: 'government', triggerParty: '涟水县人民政府', triggerDocumentNo: `涟政发〔2026〕${++seq}号` };
    case 'serious_violation':
      return { ...base, triggerSource: 'department', triggerParty: '涟水县人力资源和社会保障局', lawArea: 'labour' };
  }
}

/** A decision's fields with a fresh document number. */
export const decision = <O extends 'revoked' | 'cancelled' | 'dismissed'>(outcome: O) => ({
  outcome,
  reason: '经调查核实，企业已不再具备许可条件且无正当理由',
  legalBasis: '《中华人民共和国工业产品生产许可证管理条例》第四十五条',
  documentNo: `淮市监许决〔2026〕${++seq}号`,
});

/** The text of a .docx file's body. */
export async function docxText(content: Buffer | Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}
