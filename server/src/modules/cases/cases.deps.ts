import type { CaseRules } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { PersonalData } from '../../platform/secrets/personal-data.js';
import type { TodosService } from '../../platform/todos/todos.service.js';
import type { UsersService } from '../../platform/users/users.service.js';
import type { DrawsService, PlansService } from '../inspections/index.js';
import type { LeadSource } from './cases.schema.js';

export type Ctx = RequestContext & { actor: Actor };

/** What a case needs to know of the record its lead came from (wired in app.ts from the owning module's service). */
export interface LeadFacts {
  /** As shown: a complaint's tracking number, a task's number, a hazard's title. */
  ref: string;
  partyName: string | null;
  uscc: string | null;
  regionCode: string | null;
  /** The day the lead was found (the 15-working-day clock starts there). */
  foundOn: string | null;
  summary: string | null;
}

/**
 * A lead source owned by another module (unlicensed_lead → licences, inspection_finding →
 * inspections, complaint → complaints, equipment_hazard → equipment): `find` reads the lead in the
 * actor's scope (null: unknown or out of scope → 400 LEAD_NOT_FOUND); `opened` and `declined` link
 * the case back in the owner's tables, inside the case's transaction.
 */
export interface LeadSourceAdapter {
  find(tx: Db, actor: Actor, leadId: string): Promise<LeadFacts | null>;
  opened?(tx: Db, ctx: Ctx, leadId: string, kase: { id: string; caseNo: string }): Promise<void>;
  declined?(tx: Db, ctx: Ctx, leadId: string, kase: { id: string; caseNo: string; reason: string }): Promise<void>;
}

/** The licence module's revocation, started by a decision with the penalty `revocation` (wired in app.ts). */
export interface LicenceRevocation {
  /** Checks the licence exists in the actor's scope, belongs to the case's party (by USCC) and is in force; throws a field error otherwise. */
  check(tx: Db, actor: Actor, licenceId: string, uscc: string | null): Promise<{ number: string; typeName: string }>;
  /** Revokes it by the decision (the licence's state machine: → revoked, with the decision's number and date). */
  revoke(tx: Db, ctx: Ctx, licenceId: string, decision: { caseId: string; documentNo: string; decidedOn: string; reason: string; legalBasis: string }): Promise<void>;
}

/** What the cases services need (wired in app.ts). */
export interface CasesDeps {
  db: Db;
  audit: AuditService;
  calendar: CalendarService;
  jurisdiction: JurisdictionService;
  todos: TodosService;
  users: UsersService;
  /** Seals an inquiry's interviewee. */
  personal: PersonalData;
  rules: CaseRules;
  leadSources: Partial<Record<LeadSource, LeadSourceAdapter>>;
  revocation: LicenceRevocation;
  /** A campaign's lottery is an inspection plan drawn by the draw engine. */
  plans: PlansService;
  draws: DrawsService;
}
