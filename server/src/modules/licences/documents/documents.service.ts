import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { notFound } from '../../../platform/http/errors.js';
import { type LicenceDocumentKind, licenceDocuments } from '../licences.schema.js';
import type { LicencesService } from '../licences.service.js';
import { checkAttachment } from '../../../platform/documents/attachments.js';

export { DOCX } from '../../../platform/documents/attachments.js';

export interface NewDocument {
  licenceId: string;
  exitId?: string | null;
  kind: LicenceDocumentKind;
  fileName: string;
  contentType: string;
  content: Buffer;
}

const listed = {
  id: licenceDocuments.id,
  licenceId: licenceDocuments.licenceId,
  exitId: licenceDocuments.exitId,
  kind: licenceDocuments.kind,
  fileName: licenceDocuments.fileName,
  contentType: licenceDocuments.contentType,
  size: licenceDocuments.size,
  sha256: licenceDocuments.sha256,
  createdByName: licenceDocuments.createdByName,
  createdAt: licenceDocuments.createdAt,
};

/**
 * The files kept with a licence: uploaded attachments and the documents the exit workflows
 * generate. Reading goes through the licence, so a file is visible exactly when its licence is.
 */
export function makeLicenceDocuments(deps: { db: Db; audit: AuditService; licences: LicencesService }) {
  const { db, audit } = deps;

  /** Stores a file in the caller's transaction (the caller has checked the licence is the actor's). */
  async function store(tx: Db, ctx: RequestContext, doc: NewDocument) {
    const [row] = await tx
      .insert(licenceDocuments)
      .values({
        licenceId: doc.licenceId,
        exitId: doc.exitId ?? null,
        kind: doc.kind,
        fileName: doc.fileName,
        contentType: doc.contentType,
        size: doc.content.length,
        content: doc.content,
        sha256: createHash('sha256').update(doc.content).digest('hex'),
        createdBy: ctx.actor?.userId ?? null,
        createdByName: ctx.actor?.name ?? 'system',
      })
      .returning(listed);
    await audit.record(tx, ctx, { action: 'licence.document_stored', targetType: 'licence', targetId: doc.licenceId, after: { documentId: row!.id, kind: doc.kind, fileName: doc.fileName, sha256: row!.sha256 } });
    return row!;
  }

  return {
    store,

    /**
     * An officer's upload (a certificate scan, an application…) on a licence the actor can see,
     * checked for format (extension and content), emptiness and size before anything is written.
     */
    async upload(ctx: RequestContext & { actor: Actor }, licenceId: string, file: { fileName: string; content: Buffer }) {
      await deps.licences.get(ctx.actor, licenceId);
      const { fileName, contentType } = checkAttachment(file.fileName, file.content);
      return inTransaction(db, (tx) => store(tx, ctx, { licenceId, kind: 'attachment', fileName, contentType, content: file.content }));
    },

    /** The licence's files without their content, newest first; `exitId` narrows to one exit procedure. */
    async list(actor: Actor, licenceId: string, exitId?: string) {
      await deps.licences.get(actor, licenceId);
      const items = await db
        .select(listed)
        .from(licenceDocuments)
        .where(and(eq(licenceDocuments.licenceId, licenceId), exitId ? eq(licenceDocuments.exitId, exitId) : undefined))
        .orderBy(desc(licenceDocuments.createdAt), desc(licenceDocuments.id));
      return { items, total: items.length };
    },

    async download(actor: Actor, licenceId: string, documentId: string) {
      await deps.licences.get(actor, licenceId);
      const [row] = await db
        .select({ fileName: licenceDocuments.fileName, contentType: licenceDocuments.contentType, content: licenceDocuments.content })
        .from(licenceDocuments)
        .where(and(eq(licenceDocuments.id, documentId), eq(licenceDocuments.licenceId, licenceId)));
      if (!row) throw notFound('文件');
      return row;
    },
  };
}

export type LicenceDocuments = ReturnType<typeof makeLicenceDocuments>;
