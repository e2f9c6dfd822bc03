import type { Db } from '../../db/client.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { JurisdictionService } from '../../platform/jurisdiction/jurisdiction.service.js';
import type { PersonalData } from '../../platform/secrets/personal-data.js';
import type { TodosService } from '../../platform/todos/todos.service.js';
import type { EquipmentServices } from '../equipment/index.js';
import type { TasksService } from '../inspections/index.js';
import type { LeadsService, LicenceExits } from '../licences/index.js';

/** What the complaints services need (wired in app.ts). */
export interface ComplaintsDeps {
  db: Db;
  audit: AuditService;
  calendar: CalendarService;
  jurisdiction: JurisdictionService;
  todos: TodosService;
  /** Seals reporters' names, phones, ID numbers, addresses and e-mails. */
  personal: PersonalData;
  /** A key of its own (derived from ZJ_SECRET_KEY) for the keyed hashes of access codes, Open311 tokens and idempotency keys. */
  hashKey: Buffer;
  /** Hours an urgent item may wait for acknowledgement before it is escalated to the section head (ZJ_COMPLAINT_ACK_HOURS, 2). */
  ackHours: number;
  /** What an item can lead to (Act), through the owning modules' services. */
  tasks: TasksService;
  hazards: EquipmentServices['hazards'];
  leads: LeadsService;
  exits: LicenceExits;
}
