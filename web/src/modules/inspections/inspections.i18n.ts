import type { ModuleMessages } from '../../app/i18n/defineMessages';
import { configureMessages } from './configure.i18n';
import { planningMessages } from './planning.i18n';

// draws.* and drawMethod.* are not here: the draw pages add draws.* when they load (draws.pages.i18n.ts) and the
// public method page reads drawMethod.i18n.ts itself, so their long texts stay out of the first download.
const PARTS: ModuleMessages[] = [configureMessages, planningMessages];

/** All strings of the random-inspection pages (inspections.*, inspectionPlans.*), kept in files by topic. */
export const inspectionsMessages: ModuleMessages = {
  'zh-CN': Object.assign({}, ...PARTS.map((p) => p['zh-CN'])) as object,
  'en-US': Object.assign({}, ...PARTS.map((p) => p['en-US'])) as object,
};
