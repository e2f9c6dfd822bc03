/**
 * Every web module, in menu order. Adding a module = writing `web/src/modules/<name>/index.ts`
 * (which exports its WebModule) and adding it here; the shell knows nothing else of it.
 */
import { accountsModule } from '../../modules/accounts';
import { apikeysModule } from '../../modules/apikeys';
import { auditModule } from '../../modules/audit';
import { authModule } from '../../modules/auth';
import { calendarModule } from '../../modules/calendar';
import { campaignsModule } from '../../modules/campaigns';
import { caseAdminModule } from '../../modules/case-admin';
import { casesModule } from '../../modules/cases';
import { clustersModule } from '../../modules/clusters';
import { complaintsModule } from '../../modules/complaints';
import { complaintsPublicModule } from '../../modules/complaints-public';
import { complaintsStatsModule } from '../../modules/complaints-stats';
import { creditModule } from '../../modules/credit';
import { enterpriseSelfModule } from '../../modules/enterprise-self';
import { enterprisesModule } from '../../modules/enterprises';
import { equipmentModule } from '../../modules/equipment';
import { equipmentSafetyModule } from '../../modules/equipment-safety';
import { homeModule } from '../../modules/home';
import { inspectionsModule } from '../../modules/inspections';
import { licencesModule } from '../../modules/licences';
import { orgsModule } from '../../modules/orgs';
import { penaltiesPublicModule } from '../../modules/penalties-public';
import { portalModule } from '../../modules/portal';
import { publicModule } from '../../modules/public';
import { regionsModule } from '../../modules/regions';
import { rolesModule } from '../../modules/roles';
import { spotcheckLotsModule } from '../../modules/spotcheck-lots';
import { spotcheckSamplesModule } from '../../modules/spotcheck-samples';
import { spotchecksModule } from '../../modules/spotchecks';
import { spotchecksPublicModule } from '../../modules/spotchecks-public';
import { todosModule } from '../../modules/todos';
import { usersModule } from '../../modules/users';
import { registerModules, type WebModule } from './webModule';

export const WEB_MODULES: readonly WebModule[] = [
  authModule,
  homeModule,
  enterpriseSelfModule,
  calendarModule,
  todosModule,
  publicModule,
  enterprisesModule,
  accountsModule,
  licencesModule,
  inspectionsModule,
  equipmentModule,
  equipmentSafetyModule,
  complaintsModule,
  complaintsStatsModule,
  complaintsPublicModule,
  casesModule,
  campaignsModule,
  clustersModule,
  caseAdminModule,
  penaltiesPublicModule,
  spotchecksModule,
  spotcheckLotsModule,
  spotcheckSamplesModule,
  spotchecksPublicModule,
  creditModule,
  portalModule,
  regionsModule,
  orgsModule,
  usersModule,
  rolesModule,
  apikeysModule,
  auditModule,
];

registerModules(WEB_MODULES);
