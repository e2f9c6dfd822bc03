import { UNCERTAIN_DEADLINE_NOTE, centred, cnDate, line, renderDocx, signature } from '../../../platform/documents/docx.js';

export interface NoticeHazard {
  userName: string | null;
  userUscc: string;
  equipmentCode: string | null;
  address: string | null;
  foundOn: string;
  description: string;
  level: 'general' | 'major';
  correctionDueOn: string;
}

export interface NoticeFacts {
  documentNo: string;
  /** The issuing (city) bureau's full name. */
  bureau: string;
  /** The county bureau it is addressed to. */
  county: string;
  issuedOn: string;
  replyDueOn: string;
  /** False when the reply date was counted over a year without holiday data. */
  replyCertain: boolean;
  summary: string | null;
  hazards: readonly NoticeHazard[];
}

const LEVELS: Record<NoticeHazard['level'], string> = { general: '一般隐患', major: '重大隐患' };

/**
 * The 暗访通报 (notice of unannounced special-equipment safety checks): to the county bureau, the
 * period of the checks, each hazard found (user unit, unit, place, what, level, deadline), and by
 * when the county reports each one closed.
 */
export async function renderNotice(f: NoticeFacts) {
  const title = '特种设备安全暗访检查情况通报';
  const dates = f.hazards.map((h) => h.foundOn).sort();
  const from = dates[0] ?? f.issuedOn;
  const to = dates.at(-1) ?? f.issuedOn;
  const period = from === to ? cnDate(from) : `${cnDate(from)}至${cnDate(to)}`;
  const content = await renderDocx({
    creator: f.bureau,
    title,
    body: [
      centred(f.documentNo),
      line(`${f.county}：`),
      line(`${period}，本局组织对你辖区特种设备使用单位开展了安全暗访检查，发现以下 ${f.hazards.length} 项隐患，现予通报：`, { indent: true }),
      ...(f.summary ? f.summary.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean).map((l) => line(l, { indent: true })) : []),
      ...f.hazards.map((h, i) =>
        line(
          `${i + 1}. ${h.userName ?? h.userUscc}（统一社会信用代码：${h.userUscc}）${h.equipmentCode ? `，设备代码 ${h.equipmentCode}` : ''}${h.address ? `，${h.address}` : ''}：${h.description}（${LEVELS[h.level]}，${cnDate(h.foundOn)}发现，整改期限${cnDate(h.correctionDueOn)}）`,
          { indent: true },
        ),
      ),
      line(`请你局督促上述使用单位立即整改，逐项核实整改情况，并于${cnDate(f.replyDueOn)}前${f.replyCertain ? '' : UNCERTAIN_DEADLINE_NOTE}将每项隐患的整改闭环情况报告本局。`, { indent: true }),
      ...signature(f.bureau, f.issuedOn),
    ],
  });
  return { title, fileName: `${title}-${f.county}-${f.documentNo}.docx`, content };
}
