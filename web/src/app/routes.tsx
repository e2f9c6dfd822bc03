import { WEB_MODULES } from './modules/registry';
import type { ModuleRoute } from './modules/webModule';

/** Every module's pages, in registry order. */
export const moduleRoutes: ModuleRoute[] = WEB_MODULES.flatMap((m) => m.routes ?? []);

/** The pages inside the shell. The side menu is built from this list. */
export const appRoutes: ModuleRoute[] = moduleRoutes.filter((r) => (r.layout ?? 'shell') === 'shell');

/** Pages outside the shell: open to anyone (`public`) or only while signed out (`guest`). */
export const outsideRoutes: ModuleRoute[] = moduleRoutes.filter((r) => (r.layout ?? 'shell') !== 'shell');
