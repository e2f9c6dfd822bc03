/**
 * UI strings a module keeps in its own folder (`<module>.i18n.ts`), each under its own top-level
 * key; `moduleMessages.ts` lists them and they are merged into the app's messages at start.
 */
export interface ModuleMessages<T extends object = object> {
  'zh-CN': T;
  'en-US': T;
}

/** Pairs a module's Chinese strings with English ones of the same shape (checked by the type). */
export const defineMessages = <T extends object>(zhCN: T, enUS: T): ModuleMessages<T> => ({ 'zh-CN': zhCN, 'en-US': enUS });
