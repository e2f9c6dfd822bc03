import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Hashed build output (Vite names them `assets/<name>-<hash>.<ext>`): a changed file gets a new name. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, favicon): the browser revalidates before each use (cheap with ETag/Last-Modified). */
export const REVALIDATE_CACHE = 'no-cache';

/** Directory of the hashed assets inside the web build. */
const ASSETS_DIR = 'assets';

/** Cache-Control and Vary for one served file; `file` is the path actually sent (maybe its .br/.gz sibling). */
function setCacheHeaders(webDir: string, res: { setHeader(name: string, value: string): unknown }, file: string): void {
  const relative = path.relative(webDir, file).split(path.sep);
  res.setHeader('Cache-Control', relative.length > 1 && relative[0] === ASSETS_DIR ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
  // the same URL is sent as brotli, gzip or plain depending on Accept-Encoding
  res.setHeader('Vary', 'Accept-Encoding');
}

/**
 * Serves the built web app from `webDir` when it exists: precompressed `.br`/`.gz` siblings
 * (made at build time) to clients that accept them, hashed assets cached for a year as
 * immutable, `index.html` revalidated on every use. Returns whether the web app is there, for
 * the SPA fallback (`sendWebPage`).
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<boolean> {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDir,
    preCompressed: true,
    cacheControl: false, // set per file by setHeaders (send's own header would override it)
    setHeaders: (res, file) => setCacheHeaders(webDir, res, file),
  });
  return true;
}
