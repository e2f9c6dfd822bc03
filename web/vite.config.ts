import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // vendor code changes rarely: keep it in its own long-cached chunks
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
          if (/node_modules\/(antd|@ant-design|rc-[^/]+|@rc-component|dayjs)\//.test(id)) return 'antd';
          return 'vendor';
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      // only /api/… (a page path such as /api-keys must stay with the SPA)
      '^/api/': 'http://localhost:3000',
    },
  },
});
