import type { FastifyReply } from 'fastify';
import { DOCX } from '../documents/attachments.js';

/**
 * Marks the reply as a file download: `asciiName` for old clients, `name` (any characters, e.g.
 * Chinese) for those that read RFC 5987's `filename*`.
 */
export function setAttachment(reply: FastifyReply, asciiName: string, name = asciiName): void {
  reply.header('content-disposition', `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

/** Sends a generated .docx as a download (`asciiName` for old clients, the document's own, e.g. Chinese, file name for the others). */
export function sendDocx(reply: FastifyReply, asciiName: string, doc: { fileName: string; content: Buffer }) {
  setAttachment(reply, asciiName, doc.fileName);
  return reply.type(DOCX).send(doc.content);
}
