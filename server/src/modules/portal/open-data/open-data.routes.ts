import { createGunzip } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { setAttachment } from '../../../platform/http/download.js';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { Binary, DateString, ErrorSchema } from '../../../platform/http/schemas.js';
import type { PortalServices } from '../portal.services.js';
import { OPEN_DATA_LIST_MAX } from './open-data.service.js';

const urlOf = (day: string) => `/api/public/open-data/${day}.csv`;

/** Whether the client takes a gzip body (`Accept-Encoding: gzip`, not refused with q=0). */
const acceptsGzip = (header: string | string[] | undefined) =>
  [header ?? ''].flat().join(',').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return (coding === 'gzip' || coding === 'x-gzip') && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

/** The open-data files (open-data/README.md): the list and the download, without login, limited per client. */
export const openDataRoutes =
  (services: PortalServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { openData } = services;

    app.get(
      '/api/public/open-data',
      {
        config: { access: 'public' },
        onRequest: publicLimit('open-data'),
        schema: {
          tags: ['public'],
          summary: `开放数据（无需登录）：企业公示信息的每日 CSV 文件，最近 ${OPEN_DATA_LIST_MAX} 天，新的在前`,
          description: 'rows：数据行数（不含表头）；bytes、sha256：CSV 文件（UTF-8，含 BOM）的字节数与 SHA-256，可用于校验下载。',
          response: {
            200: Type.Object({ items: Type.Array(Type.Object({ day: DateString, rows: Type.Integer(), bytes: Type.Integer(), sha256: Type.String(), url: Type.String() })) }),
            429: ErrorSchema,
          },
        },
      },
      async () => ({ items: (await openData.list()).map((f) => ({ day: f.day, rows: f.rows, bytes: f.bytes, sha256: f.sha256, url: urlOf(f.day) })) }),
    );

    app.get(
      '/api/public/open-data/:day.csv',
      {
        config: { access: 'public' },
        onRequest: publicLimit('open-data'),
        schema: {
          tags: ['public'],
          summary: '下载某日的开放数据 CSV（无需登录）',
          description: '列：统一社会信用代码、名称、所属区划、登记状态、有效许可证数、被吊销撤销许可证数、公开承诺数、在用特种设备台数、是否列入严重违法失信名单、列入日期、列入期限至、公示中的行政处罚数（不含信用风险分类）。客户端接受 gzip 时以 Content-Encoding: gzip 发送。',
          params: Type.Object({ day: DateString }, { additionalProperties: false }),
          response: { 200: Binary, 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { file, gzip } = await openData.open(request.params.day);
        setAttachment(reply, `open-data-${file.day}.csv`, `企业公示信息-${file.day}.csv`);
        reply.type('text/csv; charset=utf-8').header('vary', 'accept-encoding');
        if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(gzip);
        const plain = createGunzip();
        gzip.on('error', (err) => plain.destroy(err));
        return reply.header('content-length', String(file.bytes)).send(gzip.pipe(plain));
      },
    );
  };
