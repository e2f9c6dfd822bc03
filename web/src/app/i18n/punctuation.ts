import type { TFunction } from 'i18next';

// Punctuation joining translated pieces follows the language: "标签：值" but "Label: value".

/** "label：value" / "label: value". */
export const labelled = (t: TFunction, label: string, value: string | number) => t('common.labelValue', { label, value });

/** "text（note）" / "text (note)". */
export const withNote = (t: TFunction, text: string, note: string | number) => t('common.withNote', { text, note });

/** "a、b、c" / "a, b, c". */
export const listOf = (t: TFunction, items: readonly string[]) => items.join(t('common.listSeparator'));

/** "a，b" / "a, b". */
export const phrasesOf = (t: TFunction, phrases: readonly string[]) => phrases.join(t('common.phraseSeparator'));

/** "a；b" / "a; b". */
export const clausesOf = (t: TFunction, clauses: readonly string[]) => clauses.join(t('common.clauseSeparator'));
