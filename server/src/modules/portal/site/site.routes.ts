import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import { ErrorSchema, Nullable } from '../../../platform/http/schemas.js';
import type { PortalServices } from '../portal.services.js';

/** `GET /api/public/site`: the bureau that runs the public site, without login, limited per client. */
export const siteRoutes =
  (services: PortalServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/public/site',
      {
        config: { access: 'public' },
        onRequest: publicLimit('site'),
        schema: {
          tags: ['public'],
          summary: '公开网站的主办机构（无需登录）：市局名称、行政区划代码与对外公布的地址、电话，公开页面的页脚显示',
          description: '机构树的根（市局）；尚未建立机构时各项均为 null；地址、电话在机构管理中维护，未填写为 null。',
          response: {
            200: Type.Object({ bureauName: Nullable(Type.String()), regionCode: Nullable(Type.String()), address: Nullable(Type.String()), phone: Nullable(Type.String()) }),
            429: ErrorSchema,
          },
        },
      },
      async () => services.site.info(),
    );
  };
