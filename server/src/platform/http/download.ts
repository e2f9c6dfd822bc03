import type { FastifyReply } from 'fastify';

/**
 * Marks the reply as a file download: `asciiName` for old clients, `name` (any characters, e.g.
 * Chinese) for those that read RFC 5987's `filename*`.
 */
export function setAttachment(reply: FastifyReply, asciiName: string, name = asciiName): void {
  reply.header('content-disposition', `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}
