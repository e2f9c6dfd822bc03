// The institutions service: composes the register and accounts, the applications and the choice with its tie draw.
import type { Db } from '../../../db/client.js';
import type { SpotcheckDraws } from '../draws.js';
import type { SpotchecksDeps } from '../spotchecks.deps.js';
import { makeApplications } from './applications.js';
import { makeInstitutionChoice } from './choice.js';
import { makeInstitutionCore } from './institutions.shared.js';
import { makeInstitutionRegister } from './register.js';

export { INSTITUTION_ORG_REGION } from './institutions.shared.js';
export type { ApplicationInput, InstitutionFilter, InstitutionInput, InstitutionRecord, Selection } from './institutions.shared.js';

/**
 * 承检机构 and 承检申请 (README.md): institutions with their qualification, record and accounts;
 * institutions' applications for lots; the competitive choice of a lot's institution, with a
 * verifiable draw between equal totals. Every change is audited in its transaction.
 */
export function makeInstitutionsService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const { db } = deps;
  const core = makeInstitutionCore(deps);
  return {
    recordsOf: (ids: readonly string[], tx: Db = db) => core.recordsOf(tx, ids),
    ...makeInstitutionRegister(deps, core),
    ...makeApplications(deps, core),
    ...makeInstitutionChoice(deps, core),
  };
}

export type InstitutionsService = ReturnType<typeof makeInstitutionsService>;
