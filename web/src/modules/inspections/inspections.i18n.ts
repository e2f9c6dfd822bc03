import type { ModuleMessages } from '../../app/i18n/defineMessages';
import { configureMessages } from './configure.i18n';
import { drawsMessages } from './draws.i18n';
import { planningMessages } from './planning.i18n';

const PARTS: ModuleMessages[] = [configureMessages, planningMessages, drawsMessages];

/** All strings of the random-inspection pages (inspections.*, inspectionPlans.*, draws.*), kept in three files by topic. */
export const inspectionsMessages: ModuleMessages = {
  'zh-CN': Object.assign({}, ...PARTS.map((p) => p['zh-CN'])) as object,
  'en-US': Object.assign({}, ...PARTS.map((p) => p['en-US'])) as object,
};
