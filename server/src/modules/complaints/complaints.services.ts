import type { ComplaintsDeps } from './complaints.deps.js';
import { makeClocks } from './handling/clocks.js';
import { makeHandlingService } from './handling/handling.service.js';
import { makeIntakeService } from './intake/intake.service.js';
import { makeTransferImport } from './intake/transfer-import.js';
import { makeOpen311Service } from './open311/open311.service.js';
import { makeRewardsService } from './rewards/rewards.service.js';
import { makeRoutingService } from './routing/routing.service.js';
import { makeStatsService } from './stats/stats.service.js';

/** The complaints module's services, one per part (see README.md), wired together. */
export function makeComplaintsServices(deps: ComplaintsDeps) {
  const clocks = makeClocks(deps);
  const routing = makeRoutingService(deps);
  const intake = makeIntakeService({ ...deps, routing, clocks });
  const transferImport = makeTransferImport({ ...deps, intake });
  const handling = makeHandlingService({ ...deps, routing, clocks });
  const rewards = makeRewardsService(deps);
  const stats = makeStatsService(deps);
  return { clocks, routing, intake, transferImport, handling, rewards, stats, open311: makeOpen311Service(deps) };
}

export type ComplaintsServices = ReturnType<typeof makeComplaintsServices>;
