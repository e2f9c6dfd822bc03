import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { enterprises } from '../enterprises/index.js';
import { inspectionItems } from './inspections.schema.js';
import { inspectionTasks } from './tasks/tasks.schema.js';

/**
 * Read functions other modules use on the inspection tasks (the cases module's campaigns and
 * clusters). They run in the caller's transaction (or on the database) and never write.
 */

/** A task counts as done once its result is final: completed (and possibly published). */
const DONE_STATES = ['completed', 'published'] as const;

export interface TaskCounts {
  /** Tasks of the plan. */
  total: number;
  /** Completed (or completed and published). */
  done: number;
  /** Checked (inspected or later) with at least one finding. */
  withFindings: number;
  /** Findings of all its tasks (violations found). */
  findings: number;
}

export interface PlanTaskSummary extends TaskCounts {
  /** The same counts per task region and competent bureau (org id), by region then org. */
  byRegion: (TaskCounts & { regionCode: string; orgId: string })[];
  /** The ids of the plan's tasks (a campaign's plan is small: tens to a few hundred). */
  taskIds: string[];
}

/** The tasks of one plan (a campaign's lottery): how many, how many done, with findings, the findings, per region and bureau. */
export async function planTaskSummary(db: Db, planId: string): Promise<PlanTaskSummary> {
  const nFindings = sql<number>`jsonb_array_length(${inspectionTasks.findings})`;
  const rows = await db
    .select({
      regionCode: inspectionTasks.regionCode,
      orgId: inspectionTasks.orgId,
      total: sql<number>`count(*)::int`,
      done: sql<number>`(count(*) filter (where ${inArray(inspectionTasks.state, [...DONE_STATES])}))::int`,
      withFindings: sql<number>`(count(*) filter (where ${nFindings} > 0))::int`,
      findings: sql<number>`coalesce(sum(${nFindings}), 0)::int`,
      taskIds: sql<string[]>`array_agg(${inspectionTasks.id}::text order by ${inspectionTasks.id})`,
    })
    .from(inspectionTasks)
    .where(eq(inspectionTasks.planId, planId))
    .groupBy(inspectionTasks.regionCode, inspectionTasks.orgId)
    .orderBy(asc(inspectionTasks.regionCode), asc(inspectionTasks.orgId));
  const sum = (k: keyof TaskCounts) => rows.reduce((s, r) => s + Number(r[k]), 0);
  return {
    total: sum('total'),
    done: sum('done'),
    withFindings: sum('withFindings'),
    findings: sum('findings'),
    byRegion: rows.map(({ taskIds: _ids, ...r }) => ({ ...r, total: Number(r.total), done: Number(r.done), withFindings: Number(r.withFindings), findings: Number(r.findings) })),
    taskIds: rows.flatMap((r) => r.taskIds ?? []),
  };
}

export interface InspectionResult {
  uscc: string;
  taskId: string;
  itemName: string;
  inspectedOn: string | null;
  completedOn: string;
  resultCategory: string | null;
  /** The findings' texts (empty: nothing found). */
  findings: string[];
}

/** USCCs per statement (well under PostgreSQL's limit of parameters). */
const CHUNK = 5000;

/**
 * The completed inspection tasks' results of the enterprises `usccs` (by the task's enterprise),
 * newest first per enterprise (ordered by USCC, completion date desc, task id).
 */
export async function inspectionResultsOf(db: Db, usccs: readonly string[]): Promise<InspectionResult[]> {
  const unique = [...new Set(usccs)];
  const out: InspectionResult[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .select({
        uscc: enterprises.uscc,
        taskId: inspectionTasks.id,
        itemName: inspectionItems.name,
        inspectedOn: inspectionTasks.inspectedOn,
        completedOn: inspectionTasks.completedOn,
        resultCategory: inspectionTasks.resultCategory,
        findings: inspectionTasks.findings,
      })
      .from(inspectionTasks)
      .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
      .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
      .where(and(inArray(enterprises.uscc, unique.slice(i, i + CHUNK)), inArray(inspectionTasks.state, [...DONE_STATES]), isNotNull(inspectionTasks.completedOn)))
      .orderBy(asc(enterprises.uscc), desc(inspectionTasks.completedOn), asc(inspectionTasks.id));
    for (const r of rows) out.push({ ...r, completedOn: r.completedOn!, findings: r.findings.map((f) => f.text) });
  }
  return out;
}
