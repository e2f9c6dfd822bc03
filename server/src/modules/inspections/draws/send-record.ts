import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BuiltDocument } from '../draw/document.js';

const acceptsGzip = (request: FastifyRequest) => /\bgzip\b/i.test(String(request.headers['accept-encoding'] ?? ''));

/**
 * Sends a draw record as built (draw/document.ts): the stored gzip as is to clients that accept
 * it, unpacked on the fly for others; `304` when the client holds this version already.
 */
export function sendRecord(request: FastifyRequest, reply: FastifyReply, doc: BuiltDocument, cacheControl: string) {
  const gzip = acceptsGzip(request);
  // The representations differ in their bytes: each has its own validator.
  const etag = gzip ? `${doc.etag.slice(0, -1)}-gz"` : doc.etag;
  reply.header('cache-control', cacheControl).header('vary', 'accept-encoding').header('etag', etag).type('application/json; charset=utf-8');
  const held = String(request.headers['if-none-match'] ?? '')
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''));
  if (held.includes(etag)) return reply.code(304).send();
  if (gzip) return reply.header('content-encoding', 'gzip').header('content-length', doc.body.length).send(doc.body);
  return reply.send(Readable.from([doc.body]).pipe(zlib.createGunzip()));
}
