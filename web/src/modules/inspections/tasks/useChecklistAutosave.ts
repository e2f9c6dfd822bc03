import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isStale } from '../../../api/client';
import { answerField, toAnswers, toChecklistValues, type ChecklistValues } from './checklistForm';
import { tasksApi, type Task } from './tasks.api';

/** Quiet time after the last change before the draft is sent. */
export const AUTOSAVE_DELAY_MS = 1500;
const STORAGE_PREFIX = 'zj.checklistDraft.';

/** idle: nothing changed yet; pending/saving: changes on their way; saved: the server has them; offline: kept on this device only. */
export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'error';

/** Where this device keeps one user's unsaved answers of one task: another user signing in here never gets them. */
const draftKey = (userId: string, taskId: string) => `${STORAGE_PREFIX}${userId}.${taskId}`;

/** The fields changed on this device and not yet saved on the server (localStorage), until they are. */
function readLocal(key: string): ChecklistValues | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { values: ChecklistValues }).values : null;
  } catch {
    return null;
  }
}
function writeLocal(key: string, values: ChecklistValues) {
  try {
    localStorage.setItem(key, JSON.stringify({ values, savedAt: new Date().toISOString() }));
  } catch {
    // storage full or disabled: the server copy is all there is
  }
}
const clearLocalDraft = (key: string) => {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
};

/**
 * The checklist form's first values: the server's answers, overlaid with this device's unsaved
 * ones (not for photo questions: the server holds which photos a question has). `restored` when
 * there were unsaved answers here.
 */
export function initialChecklistValues(task: Task, userId: string): { values: ChecklistValues; restored: boolean } {
  const server = toChecklistValues(task);
  const local = readLocal(draftKey(userId, task.id));
  if (!local) return { values: server, restored: false };
  const photoFields = new Set(task.checklist.filter((q) => q.answerType === 'photo').map((q) => answerField(q.key)));
  const kept = Object.fromEntries(Object.entries(local).filter(([name]) => !photoFields.has(name)));
  if (Object.keys(kept).length === 0) {
    clearLocalDraft(draftKey(userId, task.id)); // only photos, which the server already holds
    return { values: server, restored: false };
  }
  return { values: { ...server, ...kept }, restored: true };
}

const isNetworkError = (err: unknown) => err instanceof ApiError && err.code === 'NETWORK';

/**
 * Saves the checklist as a draft on its own: each change is kept on this device at once and sent
 * to the server after a short pause (and when the connection comes back). Every write of the
 * task — drafts, photo uploads, the submission — runs one at a time with the version the last
 * one answered (If-Match), so they never refuse each other.
 */
export function useChecklistAutosave(opts: { task: Task; userId: string; form: FormInstance<ChecklistValues>; onSaved: (task: Task) => void; onStale: () => void; onError: (err: unknown) => void }) {
  const { task, form } = opts;
  const local = draftKey(opts.userId, task.id);
  const latest = useRef(opts);
  latest.current = opts;
  const version = useRef(task.version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const changes = useRef(0);
  const closed = useRef(false);
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  const [dirty, setDirty] = useState(false);

  /** Runs a write of the task after those before it; `fn` gets the version to send. */
  const run = useCallback(<T>(fn: (version: number) => Promise<T>): Promise<T> => {
    const next = queue.current.then(() => fn(version.current));
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  /** A write answered the task's new version (a photo upload, a deletion). */
  const setVersion = useCallback((v: number) => {
    version.current = v;
  }, []);

  const save = useCallback(
    () =>
      run(async (v): Promise<AutosaveStatus | 'stale'> => {
        if (closed.current) return 'idle';
        clearTimeout(timer.current);
        const seen = changes.current;
        setStatus('saving');
        try {
          const saved = await tasksApi.saveAnswers(task.id, toAnswers(task.checklist, form.getFieldsValue(true)), v);
          version.current = saved.version;
          const now = seen === changes.current ? 'saved' : 'pending';
          if (now === 'saved') {
            clearLocalDraft(local);
            setDirty(false);
          }
          setStatus(now);
          latest.current.onSaved(saved);
          return now;
        } catch (err) {
          if (isNetworkError(err)) {
            setStatus('offline'); // kept here; sent when back online
            return 'offline';
          }
          if (isStale(err)) {
            // another inspector saved meanwhile: reload (this device's answers are restored over theirs)
            closed.current = true;
            latest.current.onStale();
            return 'stale';
          }
          setStatus('error');
          latest.current.onError(err);
          return 'error';
        }
      }),
    [run, task.id, task.checklist, form, local],
  );

  /**
   * The form changed (`changedValues`: the fields the user changed): keep them here, and send the
   * form after a pause. Only changed fields are kept, so restoring them later does not undo what
   * another inspector saved on the other questions meanwhile.
   */
  const changed = useCallback((changedValues?: ChecklistValues) => {
    if (closed.current) return;
    changes.current += 1;
    if (changedValues) writeLocal(local, { ...readLocal(local), ...changedValues });
    setDirty(true);
    setStatus('pending');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [local, save]);

  /** The checklist was submitted (or is otherwise done with): nothing more to save. */
  const close = useCallback(() => {
    closed.current = true;
    clearTimeout(timer.current);
    clearLocalDraft(local);
    setDirty(false);
  }, [local]);

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onOnline = () => {
      if (readLocal(local)) void saveRef.current();
    };
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      // leaving the page inside the app: send what is waiting (it is also kept on this device)
      if (!closed.current && readLocal(local)) void saveRef.current();
      clearTimeout(timer.current);
    };
  }, [local]);

  return { status, dirty, changed, save, run, setVersion, close, version };
}
