// STUB (lead): the lifecycle helper replaces this file.
import type { CasesDeps } from '../cases.deps.js';
import type { ActionHandlers } from './actions.js';

export function makeLifecycleHandlers(deps: CasesDeps): ActionHandlers {
  void deps;
  return {};
}
