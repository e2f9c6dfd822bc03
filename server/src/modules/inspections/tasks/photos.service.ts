import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { PHOTO_EXTENSIONS, checkAttachment } from '../../../platform/documents/attachments.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { ExpectedVersion } from '../../../platform/http/etag.js';
import { findTask, requireAssigned, requireState } from './task-access.js';
import { inspectionItems } from '../inspections.schema.js';
import { inspectionTasks, taskPhotos } from './tasks.schema.js';

/** At most this many photos per task. */
export const MAX_PHOTOS_PER_TASK = 100;

/** Photos taken during a check: JPEG or PNG (checked by content), uploaded by the task's inspectors while the task is open. */
export function makeTaskPhotos(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;
  return {
    /**
     * Stores a photo. With `questionKey` (a photo question of the task's checklist, while the
     * checklist is open) the photo is added to that question's answer in the same transaction,
     * so it stays on its question even if the form is never saved; the answer is the task's
     * `taskVersion` after the upload (the next If-Match).
     */
    async upload(ctx: RequestContext & { actor: Actor }, taskId: string, file: { fileName: string; content: Buffer; caption?: string | null; questionKey?: string | null }) {
      const { fileName, contentType } = checkAttachment(file.fileName, file.content, PHOTO_EXTENSIONS);
      const caption = file.caption?.trim().slice(0, 200) || null;
      const questionKey = file.questionKey?.trim() || null;
      return inTransaction(db, async (tx) => {
        const task = await findTask(tx, ctx.actor, taskId, { forUpdate: true });
        requireAssigned(ctx.actor, task);
        requireState(task, questionKey ? ['assigned', 'in_progress'] : ['assigned', 'in_progress', 'inspected', 'rectifying', 'rechecking'], questionKey ? '为检查表问题上传照片' : '上传照片');
        if (questionKey) {
          const [item] = await tx.select({ checklist: inspectionItems.checklist }).from(inspectionItems).where(eq(inspectionItems.id, task.itemId));
          const question = item?.checklist.find((q) => q.key === questionKey);
          if (!question || question.answerType !== 'photo') throw new AppError('VALIDATION', `检查表中没有拍照问题 ${questionKey}`, 400, { field: 'questionKey' });
        }
        const existing = await tx.select({ id: taskPhotos.id }).from(taskPhotos).where(eq(taskPhotos.taskId, taskId));
        if (existing.length >= MAX_PHOTOS_PER_TASK) throw new AppError('PHOTOS_TOO_MANY', `每项任务至多 ${MAX_PHOTOS_PER_TASK} 张照片`, 400, { field: 'file' });
        const [row] = await tx
          .insert(taskPhotos)
          .values({ taskId, fileName, contentType, size: file.content.length, content: file.content, caption, uploadedByName: ctx.actor.name })
          .returning({ id: taskPhotos.id, fileName: taskPhotos.fileName, contentType: taskPhotos.contentType, size: taskPhotos.size, caption: taskPhotos.caption, uploadedByName: taskPhotos.uploadedByName, createdAt: taskPhotos.createdAt });
        let taskVersion = task.version;
        if (questionKey) {
          const current = task.answers[questionKey];
          const ids = Array.isArray(current?.value) ? current.value : [];
          const answers = { ...task.answers, [questionKey]: { ...current, value: [...ids, row!.id] } };
          const [updated] = await tx
            .update(inspectionTasks)
            .set({ answers, state: 'in_progress', version: nextVersion(inspectionTasks.version), updatedAt: new Date() })
            .where(eq(inspectionTasks.id, taskId))
            .returning({ version: inspectionTasks.version });
          taskVersion = updated!.version;
        }
        await audit.record(tx, ctx, { action: 'inspection_task.photo_added', targetType: 'inspection_task', targetId: taskId, after: { photoId: row!.id, fileName, size: file.content.length, questionKey } });
        return { ...row!, questionKey, taskVersion };
      });
    },

    /**
     * Deletes a photo taken by mistake, while the checklist is not yet submitted (afterwards the
     * photos are part of the check's record); answers that show it no longer do. `expected`: the
     * task's version (If-Match).
     */
    async remove(ctx: RequestContext & { actor: Actor }, taskId: string, photoId: string, expected?: ExpectedVersion) {
      await inTransaction(db, async (tx) => {
        const task = await findTask(tx, ctx.actor, taskId, { forUpdate: true, expected });
        requireAssigned(ctx.actor, task);
        requireState(task, ['assigned', 'in_progress'], '删除照片（检查结果提交后照片随记录保存）');
        const [photo] = await tx.delete(taskPhotos).where(and(eq(taskPhotos.id, photoId), eq(taskPhotos.taskId, taskId))).returning({ fileName: taskPhotos.fileName });
        if (!photo) throw notFound('照片');
        const answers = Object.fromEntries(Object.entries(task.answers).map(([key, a]) => [key, Array.isArray(a.value) ? { ...a, value: a.value.filter((id) => id !== photoId) } : a]));
        await tx.update(inspectionTasks).set({ answers, version: nextVersion(inspectionTasks.version), updatedAt: new Date() }).where(eq(inspectionTasks.id, taskId));
        await audit.record(tx, ctx, { action: 'inspection_task.photo_removed', targetType: 'inspection_task', targetId: taskId, before: { photoId, fileName: photo.fileName } });
      });
    },

    /** A photo's content, read through its task (data scope). */
    async download(actor: Actor, taskId: string, photoId: string) {
      await findTask(db, actor, taskId);
      const [photo] = await db.select({ fileName: taskPhotos.fileName, contentType: taskPhotos.contentType, content: taskPhotos.content }).from(taskPhotos).where(and(eq(taskPhotos.id, photoId), eq(taskPhotos.taskId, taskId)));
      if (!photo) throw notFound('照片');
      return photo;
    },
  };
}

export type TaskPhotos = ReturnType<typeof makeTaskPhotos>;
