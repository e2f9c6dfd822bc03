// STUB (lead): the lifecycle helper replaces this file, keeping the `CasesService` members below.
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import type { CaseStage } from '../cases.schema.js';
import type { CaseDocuments } from '../decision/documents.js';
import type { ActionHandlers, CasePatch, CaseRow } from './actions.js';

/** A change of a case made outside the actions (e.g. the police's decision on a transfer). */
export interface CaseChange {
  action: string;
  to?: CaseStage;
  patch?: CasePatch;
  note?: string | null;
  data?: Record<string, unknown>;
}

export function makeCasesService(deps: CasesDeps & { handlers: ActionHandlers; documents: CaseDocuments }) {
  void deps;
  return {
    /** The case in the actor's scope (joint parties included; `null`: no scope, for jobs), locked FOR UPDATE with `lock`; 404 NOT_FOUND otherwise. */
    async find(tx: Db, actor: Actor | null, id: string, opts: { lock?: boolean } = {}): Promise<CaseRow> {
      void tx, actor, id, opts;
      throw new Error('not implemented');
    },
    /** Writes a change made outside the actions: stage, patch, version + 1, a timeline event and the audit record `case.<action>`. */
    async record(tx: Db, ctx: Ctx, c: CaseRow, change: CaseChange): Promise<CaseRow> {
      void tx, ctx, c, change;
      throw new Error('not implemented');
    },
  };
}

export type CasesService = ReturnType<typeof makeCasesService>;
