import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { setAttachment } from '../../../platform/http/download.js';
import { ctxOf } from '../../../platform/http/request.js';
import { ErrorSchema, Id, IdParams, ListOf, Nullable, Timestamp, literals } from '../../../platform/http/schemas.js';
import { LICENCE_DOCUMENT_KINDS } from '../licences.schema.js';
import type { LicenceDocuments } from './documents.service.js';
import { ATTACHMENT_EXTENSIONS } from '../../../platform/documents/attachments.js';
import { receiveAttachment } from '../../../platform/documents/upload.js';

export const LicenceDocument = Type.Object({
  id: Type.String(),
  licenceId: Type.String(),
  exitId: Nullable(Type.String()),
  kind: literals(LICENCE_DOCUMENT_KINDS),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdByName: Type.String(),
  createdAt: Timestamp,
});

export const licenceDocumentsRoutes =
  (service: LicenceDocuments): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/licences/:id/documents',
      { config: { access: ['licence.read', 'enterprise_self.read'] }, schema: { tags: ['licences'], summary: '许可证的附件与文书（不含内容，最新在前）', params: IdParams, response: { 200: ListOf(LicenceDocument), 404: ErrorSchema } } },
      async (request) => service.list(request.actor!, request.params.id),
    );

    app.post(
      '/api/licences/:id/documents',
      {
        config: { access: 'licence.write' },
        schema: {
          tags: ['licences'],
          summary: '上传许可证附件',
          description: `multipart/form-data，字段 file；不超过 20 MB；格式 ${ATTACHMENT_EXTENSIONS.join('、')}（按扩展名和文件内容检查）。`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: LicenceDocument, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 413: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { fileName, content } = await receiveAttachment(request);
        const document = await service.upload(ctxOf(request), request.params.id, { fileName, content });
        return reply.status(201).send(document);
      },
    );

    app.get(
      '/api/licences/:id/documents/:documentId',
      {
        config: { access: ['licence.read', 'enterprise_self.read'] },
        schema: {
          tags: ['licences'],
          summary: '下载许可证附件或文书',
          params: Type.Object({ id: Id, documentId: Id }, { additionalProperties: false }),
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { id, documentId } = request.params;
        const doc = await service.download(request.actor!, id, documentId);
        const ext = doc.fileName.includes('.') ? doc.fileName.slice(doc.fileName.lastIndexOf('.')) : '';
        setAttachment(reply, `document-${documentId}${ext}`, doc.fileName);
        return reply.type(doc.contentType).send(doc.content);
      },
    );
  };
