import type { ModuleMessages } from './defineMessages';
import { filesMessages } from '../files/files.i18n';
import { WEB_MODULES } from '../modules/registry';

/** The shell's own module strings, then every module's (from its manifest, see defineMessages.ts). */
export const MODULE_MESSAGES: ModuleMessages[] = [filesMessages, ...WEB_MODULES.flatMap((m) => m.messages ?? [])];
