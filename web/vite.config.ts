import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes a brotli (.br) and a gzip (.gz) sibling of every compressible build file, which the
 * server sends precompressed (server/src/platform/http/web.ts) to clients that accept them.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'zj-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|txt)$/.test(file)) continue;
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

/** The standalone draw verifier: one file, the same code the browser runs and citizens download. */
const VERIFIER_SOURCE = fileURLToPath(new URL('../packages/draw-verify/zhijian-verify.mjs', import.meta.url));
/** Where the site serves it (and the build writes it, under dist/). */
const VERIFIER_FILE = 'verify/zhijian-verify.mjs';

/**
 * Publishes packages/draw-verify/zhijian-verify.mjs at /verify/zhijian-verify.mjs: the build writes
 * it byte-identical into dist/ (an asset Rollup leaves as it is), the dev server serves it, and its
 * SHA-256 is the build constant __ZJ_VERIFIER_SHA256__, shown beside the download.
 */
function verifierDownload(): Plugin {
  const read = () => fs.readFileSync(VERIFIER_SOURCE);
  return {
    name: 'zj-verifier-download',
    config(_config, env) {
      let sha256 = '';
      try {
        sha256 = crypto.createHash('sha256').update(read()).digest('hex');
      } catch (err) {
        if (env.command === 'build') throw new Error(`the draw verifier is missing: ${VERIFIER_SOURCE}`, { cause: err });
      }
      return { define: { __ZJ_VERIFIER_SHA256__: JSON.stringify(sha256) } };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: VERIFIER_FILE, source: read() });
    },
    configureServer(server) {
      server.middlewares.use(`/${VERIFIER_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(read());
      });
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), verifierDownload(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // .vite/manifest.json: which chunks each page needs (read by `npm run size`, web/scripts/size.ts)
    manifest: true,
    rollupOptions: {
      output: {
        // React and the router change rarely and every page needs them: one long-cached chunk.
        // antd and the rest are split by Rollup along the lazily loaded pages, so a public page
        // loads only the components it uses.
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    // the repository: the web imports the verifier from packages/draw-verify (outside web/)
    fs: { allow: [path.resolve(root, '..')] },
    proxy: {
      // only /api/… (a page path such as /api-keys must stay with the SPA)
      '^/api/': 'http://localhost:3000',
    },
  },
});
