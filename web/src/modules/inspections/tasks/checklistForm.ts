import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import type { Task, TaskAnswer, TaskQuestion } from './tasks.api';
import './tasks.pages.i18n';

/**
 * The checklist form's values, flat: `answers.<key>` (named as the server names the field of an
 * answer error, so `namedFieldError` places it) and `notes.<key>`.
 */
export type ChecklistValues = Record<string, unknown>;

export const answerField = (key: string) => `answers.${key}`;
export const noteField = (key: string) => `notes.${key}`;

export function toChecklistValues(task: Pick<Task, 'answers'>): ChecklistValues {
  const values: ChecklistValues = {};
  for (const [key, answer] of Object.entries(task.answers)) {
    values[answerField(key)] = answer.value ?? undefined;
    values[noteField(key)] = answer.note;
  }
  return values;
}

/** One answer as the form holds it: blank text and no photos count as unanswered (null). */
function answerValue(q: TaskQuestion, raw: unknown): TaskAnswer['value'] {
  if (raw === undefined || raw === null) return null;
  if (q.answerType === 'text') return typeof raw === 'string' && raw.trim() ? raw.trim() : null;
  if (q.answerType === 'photo') return Array.isArray(raw) && raw.length > 0 ? (raw as string[]) : null;
  return raw as boolean | number;
}

/** The answers to send: every question of the checklist (null clears a draft answer). */
export function toAnswers(checklist: readonly TaskQuestion[], values: ChecklistValues): Task['answers'] {
  const answers: Task['answers'] = {};
  for (const q of checklist) {
    const value = answerValue(q, values[answerField(q.key)]);
    const note = (values[noteField(q.key)] as string | undefined)?.trim();
    answers[q.key] = note ? { value, note } : { value };
  }
  return answers;
}

/** Rules of a required question: a choice or number must be given, text must not be blank, a photo must be uploaded. */
export function answerRules(q: TaskQuestion, t: TFunction): FormRule[] {
  if (!q.required) return [];
  const message = t('inspectionTasks.answerRequired');
  if (q.answerType === 'text') return [{ required: true, whitespace: true, message }];
  if (q.answerType === 'photo') return [{ required: true, type: 'array', min: 1, message }];
  return [{ required: true, message }];
}
