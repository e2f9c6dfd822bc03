import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { type PdfFont, requirePdfFont } from '../../../platform/documents/pdf.js';
import { invalid, requireDate } from '../../../platform/validation/fields.js';
import type { CreditPartDeps, Ctx } from '../credit.deps.js';
import { archiveSummary } from './summary.js';
import { type TimelineFilter, timelinePage } from './timeline.js';

/** Timeline entries per page of the archive unless asked (`pageSize` up to 500). */
export const TIMELINE_PAGE_SIZE = 50;
/** The report lists at most this many timeline entries (the newest), and says so when there are more. */
export const REPORT_MAX_ENTRIES = 500;
/** The report's default period: the last 3 years (`all` for the whole history). */
export const REPORT_YEARS = 3;

export type ReportFormat = 'docx' | 'pdf';

export interface ArchiveQuery extends TimelineFilter {
  page?: number;
  pageSize?: number;
  before?: string;
}

/** The credit archive of an enterprise: summary, timeline, .docx and .pdf report (see README.md). */
export function makeCreditArchive(deps: CreditPartDeps) {
  const { db, audit, enterprises, model } = deps;

  /** The enterprise in the actor's data scope (404 outside or unknown), its credit and its summary. */
  async function head(actor: Actor, uscc: string, today: string) {
    const e = await enterprises.get(actor, uscc);
    const [credit, summary] = await Promise.all([model.creditOf(actor, e.uscc), archiveSummary(db, { id: e.id, uscc: e.uscc }, today)]);
    return {
      enterprise: {
        uscc: e.uscc,
        name: e.name,
        regionCode: e.regionCode,
        regionName: e.regionName ?? null,
        status: e.status,
        address: e.address ?? null,
        legalRepresentative: e.legalRepresentative ?? null,
        industryCode: e.industryCode ?? null,
      },
      credit: {
        class: credit.class,
        score: credit.score,
        modelVersion: credit.modelVersion,
        computedAt: credit.computedAt,
        overrideUntil: credit.override?.until ?? null,
        listed: credit.listed,
        reasons: credit.reasons,
      },
      summary,
    };
  }

  /** Real dates (400 INVALID_DATE), the end not before the start (400 VALIDATION, field `to`). */
  function checkPeriod(filter: TimelineFilter) {
    if (filter.from) requireDate(filter.from, 'from', '开始日期');
    if (filter.to) requireDate(filter.to, 'to', '结束日期');
    if (filter.from && filter.to && filter.from > filter.to) throw invalid('to', '结束日期不能早于开始日期');
  }

  return {
    /**
     * `GET /api/credit/:uscc/archive` (credit.read): the enterprise, its credit, the summary and a
     * page of the timeline (filters `area`, `from`, `to`; `page`/`pageSize` or the `before` cursor).
     */
    async archive(actor: Actor, uscc: string, q: ArchiveQuery) {
      checkPeriod(q);
      const today = todayInChina();
      const h = await head(actor, uscc, today);
      const pageSize = q.pageSize ?? TIMELINE_PAGE_SIZE;
      const page = q.before ? 1 : (q.page ?? 1);
      const t = await timelinePage(db, h.enterprise.uscc, today, { area: q.area, from: q.from, to: q.to }, { page, pageSize, before: q.before });
      return { ...h, timeline: t.items, paging: { page, pageSize, total: t.total, next: t.next } };
    },

    /**
     * What the report prints (the archive with up to 500 timeline entries of the last 3 years, or
     * of all time with `all`), after checking a PDF can be made (503 PDF_FONT_MISSING) and
     * recording the export (`credit.archive_exported`, with the format).
     */
    async report(ctx: Ctx, uscc: string, format: ReportFormat, opts: { all?: boolean } = {}) {
      const font: PdfFont | null = format === 'pdf' ? requirePdfFont(deps.pdfFont) : null;
      const now = new Date();
      const today = todayInChina(now);
      const h = await head(ctx.actor, uscc, today);
      const from = opts.all ? undefined : addDays(`${Number(today.slice(0, 4)) - REPORT_YEARS}${today.slice(4)}`.replace(/-02-29$/, '-02-28'), 1);
      const t = await timelinePage(db, h.enterprise.uscc, today, { from }, { page: 1, pageSize: REPORT_MAX_ENTRIES });
      await inTransaction(db, (tx) =>
        audit.record(tx, ctx, { action: 'credit.archive_exported', targetType: 'enterprise', targetId: h.enterprise.uscc, after: { format, from: from ?? null, entries: t.items.length } }),
      );
      const bureau = (await deps.jurisdiction.competentBureau(h.enterprise.regionCode)).name;
      return { ...h, timeline: t.items, timelineTotal: t.total, from: from ?? null, generatedAt: now, bureau, font };
    },
  };
}

export type CreditArchive = ReturnType<typeof makeCreditArchive>;
export type ArchiveReport = Awaited<ReturnType<CreditArchive['report']>>;
