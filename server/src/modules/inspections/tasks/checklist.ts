import { AppError } from '../../../platform/http/errors.js';
import { type ChecklistQuestion, SEVERITIES } from '../inspections.schema.js';
import type { ChecklistAnswer, Finding } from './tasks.schema.js';

export interface FindingInput {
  text: string;
  severity: string;
}

const answerError = (key: string, message: string) => new AppError('ANSWER_INVALID', message, 400, { field: `answers.${key}` });

/**
 * Answers checked against the item's checklist: only its questions, each of its type — yes/no a
 * boolean, text at most 2,000 characters, a finite number, photo ids of the task's photos. `null`
 * clears an answer. With `final`, every required question must have an answer.
 */
export function checkAnswers(checklist: readonly ChecklistQuestion[], answers: Record<string, ChecklistAnswer>, opts: { final: boolean; photoIds: ReadonlySet<string> }): Record<string, ChecklistAnswer> {
  const byKey = new Map(checklist.map((q) => [q.key, q]));
  const clean: Record<string, ChecklistAnswer> = {};
  for (const [key, answer] of Object.entries(answers)) {
    const q = byKey.get(key);
    if (!q) throw answerError(key, `检查表中没有问题 ${key}`);
    const note = answer?.note?.trim();
    if (note && note.length > 1000) throw answerError(key, `“${q.text}”的说明不能超过 1000 个字`);
    const value = answer?.value ?? null;
    if (value !== null) {
      const ok =
        q.answerType === 'yes_no'
          ? typeof value === 'boolean'
          : q.answerType === 'number'
            ? typeof value === 'number' && Number.isFinite(value)
            : q.answerType === 'text'
              ? typeof value === 'string' && value.trim().length > 0 && value.length <= 2000
              : Array.isArray(value) && value.every((id) => typeof id === 'string' && opts.photoIds.has(id));
      if (!ok) throw answerError(key, `“${q.text}”的回答应为${ANSWER_LABELS[q.answerType]}`);
    }
    clean[key] = note ? { value: typeof value === 'string' ? value.trim() : value, note } : { value: typeof value === 'string' ? value.trim() : value };
  }
  if (opts.final) {
    const missing = checklist.find((q) => q.required && isEmpty(clean[q.key]));
    if (missing) throw new AppError('ANSWER_REQUIRED', `必答问题“${missing.text}”尚未回答`, 400, { field: `answers.${missing.key}` });
  }
  return clean;
}

const ANSWER_LABELS: Record<ChecklistQuestion['answerType'], string> = { yes_no: '“是”或“否”', number: '数字', text: '不超过 2000 字的文字', photo: '本任务已上传的照片' };

const isEmpty = (a: ChecklistAnswer | undefined) => !a || a.value === null || (Array.isArray(a.value) && a.value.length === 0);

/**
 * The findings of a submitted checklist: the finding of every yes/no question answered "no"
 * (in checklist order), then the inspector's own findings.
 */
export function findingsOf(checklist: readonly ChecklistQuestion[], answers: Record<string, ChecklistAnswer>, extra: readonly FindingInput[] = []): Finding[] {
  const fromAnswers: Finding[] = checklist
    .filter((q) => q.answerType === 'yes_no' && q.finding && answers[q.key]?.value === false)
    .map((q) => ({ questionKey: q.key, text: q.finding!.text, severity: q.finding!.severity }));
  const own = extra.map((f, i): Finding => {
    const text = f.text?.trim() ?? '';
    if (!text || text.length > 1000) throw new AppError('VALIDATION', `第 ${i + 1} 条问题描述应为 1–1000 个字`, 400, { field: `findings.${i}.text` });
    if (!(SEVERITIES as readonly string[]).includes(f.severity)) throw new AppError('VALIDATION', `第 ${i + 1} 条问题的严重程度应为 ${SEVERITIES.join('、')} 之一`, 400, { field: `findings.${i}.severity` });
    return { questionKey: null, text, severity: f.severity as Finding['severity'] };
  });
  return [...fromAnswers, ...own];
}
