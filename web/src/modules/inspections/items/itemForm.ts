/** The item dialog's form values and their conversion to and from the API's. */
import type { AnswerType, InspectionItem, ItemInput, Severity, TargetKind } from '../inspections.api';
import { cleanTags, mappedFieldError } from '../shared';

export interface QuestionValues {
  key: string;
  text: string;
  answerType: AnswerType;
  required: boolean;
  /** Only for yes/no questions: what a "no" records. */
  findingText?: string;
  findingSeverity?: Severity;
}

export interface ItemFormValues {
  name: string;
  sectionId: string;
  legalBasis: string;
  targetKind: TargetKind;
  specialty?: string;
  active: boolean;
  resultCategories: string[];
  checklist: QuestionValues[];
}

/** Question keys as the server accepts them. */
export const QUESTION_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A new question: a yes/no one with the first free key q1, q2… */
export function newQuestion(existing: readonly Partial<QuestionValues>[] = []): QuestionValues {
  const taken = new Set(existing.map((q) => q.key));
  let n = existing.length + 1;
  while (taken.has(`q${n}`)) n += 1;
  return { key: `q${n}`, text: '', answerType: 'yes_no', required: true, findingSeverity: 'minor' };
}

export const NEW_ITEM: Partial<ItemFormValues> = { targetKind: 'enterprise', active: true, resultCategories: [], checklist: [newQuestion()] };

/** The dialog's values for an item (a section no longer set stays empty, to be chosen again). */
export function toItemValues(item: InspectionItem): Partial<ItemFormValues> {
  return {
    name: item.name,
    sectionId: item.sectionId ?? undefined,
    legalBasis: item.legalBasis,
    targetKind: item.targetKind,
    specialty: item.specialty ?? undefined,
    active: item.active,
    resultCategories: item.resultCategories,
    checklist: item.checklist.map((q) => ({
      key: q.key,
      text: q.text,
      answerType: q.answerType,
      required: q.required,
      findingText: q.finding?.text,
      findingSeverity: q.finding?.severity ?? 'minor',
    })),
  };
}

export function toItemInput(v: ItemFormValues): ItemInput {
  return {
    name: v.name.trim(),
    sectionId: v.sectionId,
    legalBasis: v.legalBasis.trim(),
    targetKind: v.targetKind,
    specialty: v.specialty?.trim() || null,
    active: v.active,
    resultCategories: cleanTags(v.resultCategories),
    checklist: v.checklist.map((q) => {
      const findingText = q.answerType === 'yes_no' ? q.findingText?.trim() : '';
      return {
        key: q.key.trim(),
        text: q.text.trim(),
        answerType: q.answerType,
        required: q.required,
        finding: findingText ? { text: findingText, severity: q.findingSeverity ?? 'minor' } : null,
      };
    }),
  };
}

/** Server errors onto the dialog's fields; a question's (`checklist.3.key`) goes under the checklist. */
export const itemFieldErrorOf = mappedFieldError<keyof ItemFormValues>({
  name: 'name',
  sectionId: 'sectionId',
  legalBasis: 'legalBasis',
  targetKind: 'targetKind',
  specialty: 'specialty',
  resultCategories: 'resultCategories',
  checklist: 'checklist',
});
