import type { SpotcheckRules } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { TodosService } from '../../platform/todos/todos.service.js';
import type { UsersService } from '../../platform/users/users.service.js';
import type { DrawSecrets } from '../../platform/secrets/draw-secrets.js';

export type Ctx = RequestContext & { actor: Actor };

/** What the spot-check services need (wired in app.ts). */
export interface SpotchecksDeps {
  db: Db;
  audit: AuditService;
  calendar: CalendarService;
  jurisdiction: JurisdictionService;
  todos: TodosService;
  users: UsersService;
  rules: SpotcheckRules;
  /** Seals the draws' secrets at rest (platform/secrets/draw-secrets.ts). */
  drawSecrets: DrawSecrets;
}
