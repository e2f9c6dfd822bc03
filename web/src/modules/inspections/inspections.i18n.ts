import type { ModuleMessages } from '../../app/i18n/defineMessages';
import { configureMessages } from './configure.i18n';
import { drawMethodMessages } from './drawMethod.i18n';
import { drawsMessages } from './draws.i18n';
import { planningMessages } from './planning.i18n';

const PARTS: ModuleMessages[] = [configureMessages, planningMessages, drawsMessages, drawMethodMessages];

/** All strings of the random-inspection pages (inspections.*, inspectionPlans.*, draws.*, drawMethod.*), kept in files by topic. */
export const inspectionsMessages: ModuleMessages = {
  'zh-CN': Object.assign({}, ...PARTS.map((p) => p['zh-CN'])) as object,
  'en-US': Object.assign({}, ...PARTS.map((p) => p['en-US'])) as object,
};
