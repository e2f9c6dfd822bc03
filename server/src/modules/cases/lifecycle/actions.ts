import type { TProperties } from '@sinclair/typebox';
import type { CaseRules } from '../../../config.js';
import type { Db } from '../../../db/client.js';
import type { Permission } from '../../../platform/access/permissions.js';
import type { Ctx } from '../cases.deps.js';
import type { CaseAction, CaseStage, cases } from '../cases.schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type CasePatch = Partial<Omit<typeof cases.$inferInsert, 'id' | 'caseNo' | 'stage' | 'version' | 'createdAt'>>;

/** What a handler gets: the case locked in the action's transaction (scope and If-Match already checked). */
export interface ActionContext {
  tx: Db;
  ctx: Ctx;
  case: CaseRow;
  rules: CaseRules;
}

/** What a handler returns; the dispatcher writes it (stage, patch, version, event, audit) in the same transaction. */
export interface ActionResult {
  to?: CaseStage;
  patch?: CasePatch;
  /** The timeline's line (e.g. the reason of a decline). */
  note?: string | null;
  /** Facts kept with the event and the audit record (no personal data). */
  data?: Record<string, unknown>;
  /** Runs after the case row is written, still in the transaction (e.g. to-dos, a publication, a lead's outcome). */
  after?: (tx: Db, updated: CaseRow) => Promise<void>;
}

/**
 * One action of `POST /api/cases/:id/actions`. The dispatcher (lifecycle/cases.service.ts) answers
 * 403 without `permission`, 409 INVALID_TRANSITION when the case's stage is not in `stages` (or
 * `allowed` says no, with its code), and lists the action in `allowedActions` when both pass.
 */
export interface ActionHandler {
  permission: Permission;
  stages: readonly CaseStage[];
  /** The action's input fields (besides `action`), as TypeBox properties: the route's body schema is the union over actions. */
  input: TProperties;
  /** Extra conditions beyond the stage: null when allowed, else the error to throw (e.g. SELF_REVIEW, REVIEW_REQUIRED; status 409 unless given). */
  allowed?(c: CaseRow, ctx: Ctx): { code: string; message: string; status?: number } | null;
  run(a: ActionContext, input: Record<string, unknown>): Promise<ActionResult>;
}

export type ActionHandlers = Partial<Record<CaseAction, ActionHandler>>;
