// STUB (lead): the links helper replaces this file.
import type { Db } from '../../db/client.js';
import type { ComplaintsServices } from '../complaints/index.js';
import type { EquipmentServices } from '../equipment/index.js';
import type { TasksService } from '../inspections/index.js';
import type { LeadsService, LicenceExits } from '../licences/index.js';
import type { LeadSourceAdapter, LicenceRevocation } from './cases.deps.js';
import type { LeadSource } from './cases.schema.js';

/** The lead sources other modules own, through their services (wired in app.ts). */
export function caseLeadSources(deps: { db: Db; leads: LeadsService; tasks: TasksService; complaints: ComplaintsServices; equipment: EquipmentServices }): Partial<Record<LeadSource, LeadSourceAdapter>> {
  void deps;
  return {};
}

/** The licence module's revocation, for a decision with the penalty `revocation`. */
export function licenceRevocation(deps: { exits: LicenceExits }): LicenceRevocation {
  void deps;
  return {
    check: () => Promise.reject(new Error('not implemented')),
    revoke: () => Promise.reject(new Error('not implemented')),
  };
}
