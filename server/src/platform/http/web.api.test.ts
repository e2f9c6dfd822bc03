import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { IMMUTABLE_CACHE } from './web.js';

/** A fake web build: index.html, a hashed asset with .br/.gz siblings, and a favicon. */
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-web-'));
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>zhijian</body></html>';
const SCRIPT = `console.log(${JSON.stringify('质监 '.repeat(2000))});`;
fs.mkdirSync(path.join(webDir, 'assets'));
fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
fs.writeFileSync(path.join(webDir, 'index.html.br'), zlib.brotliCompressSync(INDEX));
fs.writeFileSync(path.join(webDir, 'index.html.gz'), zlib.gzipSync(INDEX));
fs.writeFileSync(path.join(webDir, 'assets/index-AbC123.js'), SCRIPT);
fs.writeFileSync(path.join(webDir, 'assets/index-AbC123.js.br'), zlib.brotliCompressSync(SCRIPT));
fs.writeFileSync(path.join(webDir, 'assets/index-AbC123.js.gz'), zlib.gzipSync(SCRIPT));
fs.writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

const env = useTestEnv({ webDir });
afterAll(() => fs.rmSync(webDir, { recursive: true, force: true }));

const get = (url: string, acceptEncoding?: string) =>
  env.app.inject({ url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

/** Issue 12 item 14: precompressed static files, long-cached hashed assets, index.html revalidated. */
describe('web app static files', () => {
  it('sends a hashed asset as brotli or gzip by Accept-Encoding, immutable for a year', async () => {
    const br = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);

    const gz = await get('/assets/index-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/index-AbC123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends index.html, also as the page of any client route, with no-cache (compressed when accepted)', async () => {
    for (const url of ['/', '/index.html', '/inspections/tasks', '/enterprises/123?page=2']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(INDEX);

      const plain = await get(url);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.headers['cache-control'], url).toBe('no-cache');
      expect(plain.body, url).toBe(INDEX);
    }
  });

  it('revalidates unhashed files and keeps 404 for missing files and API paths', async () => {
    const icon = await get('/favicon.svg', 'br, gzip');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined(); // no sibling: sent as is
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect((await get('/assets/missing-XyZ.js', 'br')).statusCode).toBe(404);
    expect((await get('/api/nothing-here', 'br')).statusCode).toBe(404);
  });
});
