import type { FastifyRequest } from 'fastify';

/** What a multipart body may hold beside its file: boundaries, headers, the other fields. */
const ENVELOPE_BYTES = 1024 * 1024;

/**
 * Reads and throws away the rest of a request body once the answer is known (an upload refused
 * early), so that the connection serves the client's next request — an undrained body would leave
 * it stuck and reset. The multipart reader is detached first. At most what an accepted upload may
 * hold (`maxBytes` and its envelope) is drained: a body that goes on past that is larger than any
 * upload allowed, and its connection is closed.
 */
export function discardBody(request: FastifyRequest, maxBytes: number): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  let discarded = 0;
  raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes + ENVELOPE_BYTES) raw.socket?.destroy();
  });
  raw.resume();
}
