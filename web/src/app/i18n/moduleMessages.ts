import type { ModuleMessages } from './defineMessages';

/** Every module's own UI strings (see defineMessages.ts); one import per module. */
export const MODULE_MESSAGES: ModuleMessages[] = [];
