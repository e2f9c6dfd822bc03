import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { TodosService } from '../../platform/todos/todos.service.js';

export type Ctx = RequestContext & { actor: Actor };

/** What the portal services need (wired in app.ts). */
export interface PortalDeps {
  db: Db;
  audit: AuditService;
  jurisdiction: JurisdictionService;
  todos: TodosService;
}
