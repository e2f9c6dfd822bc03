import type { ModuleMessages } from './defineMessages';
import i18n from './index';

/**
 * Adds the strings of lazily loaded pages when their code arrives (deep-merged into the module's
 * strings loaded at start), so they stay out of the first download. Call it at the top level of a
 * `<module>.pages.i18n.ts` that the pages import; keep menu labels and whatever other modules show
 * before the pages load (tab labels, links) in the module's own messages.
 */
export function addPageMessages(messages: ModuleMessages): void {
  for (const lng of ['zh-CN', 'en-US'] as const) i18n.addResourceBundle(lng, 'translation', messages[lng], true, false);
}
