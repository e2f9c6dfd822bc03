import type { Db } from '../../db/client.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { PersonalData } from '../../platform/secrets/personal-data.js';
import type { TodosService } from '../../platform/todos/todos.service.js';

/**
 * Substantiated complaints and reports per user unit (USCC) received on or after `since` (a China
 * date), in the caller's transaction: the complaints module's read, passed in by app.ts (equipment
 * does not import complaints). Users without any are absent from the map.
 */
export type ComplaintCounts = (tx: Db, usccs: string[], since: string) => Promise<Map<string, number>>;

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
  /** The tier's `complaints` factor counts these; absent (e.g. a test without it), the factor stays 0 and says it is not connected. */
  complaintCounts?: ComplaintCounts;
}
