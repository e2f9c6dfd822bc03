import type { CreditRules } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { RateLimiter } from '../../platform/ratelimit/ratelimit.service.js';
import type { TodosService } from '../../platform/todos/todos.service.js';
import type { UsersService } from '../../platform/users/users.service.js';
import type { EnterprisesService } from '../enterprises/index.js';
import type { CreditModel } from './model/model.service.js';

export type Ctx = RequestContext & { actor: Actor };

/** What the credit services need (wired in app.ts). */
export interface CreditDeps {
  db: Db;
  audit: AuditService;
  calendar: CalendarService;
  jurisdiction: JurisdictionService;
  todos: TodosService;
  users: UsersService;
  enterprises: EnterprisesService;
  rateLimiter: RateLimiter;
  rules: CreditRules;
  /** Font file for PDF reports, or null to look for a system font. */
  pdfFont: string | null;
}

/** The parts after the model get the model too (to rescore an enterprise in their transaction). */
export type CreditPartDeps = CreditDeps & { model: CreditModel };
