import type { Db } from '../../db/client.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { PersonalData } from '../../platform/secrets/personal-data.js';
import type { TodosService } from '../../platform/todos/todos.service.js';

/** What the special-equipment services need from the platform (wired in app.ts). */
export interface EquipmentDeps {
  db: Db;
  audit: AuditService;
  calendar: CalendarService;
  jurisdiction: JurisdictionService;
  todos: TodosService;
  /** Seals operators' ID numbers. */
  personal: PersonalData;
  /** A key of its own (derived from ZJ_SECRET_KEY) for the keyed hash that finds an operator by ID number. */
  operatorIdKey: Buffer;
}
