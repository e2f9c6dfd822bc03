import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { COMMITMENT_KINDS } from '../commitments/index.js';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { DateString, ErrorSchema, Nullable, literals } from '../../platform/http/schemas.js';
import { Status, UsccParams } from './enterprises.routes.js';
import type { PublicLookup } from './public-lookup.js';
import { NAME_MIN, PUBLIC_SEARCH_PAGES_MAX, PUBLIC_SEARCH_PAGE_SIZE_MAX, type PublicSearch, USCC_PREFIX_MIN } from './public-search.js';

const PublicEnterprise = Type.Object({
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.Union([Type.String(), Type.Null()]),
  status: Status,
  licences: Type.Array(
    Type.Object({
      typeName: Type.String(),
      number: Type.String(),
      scope: Nullable(Type.String()),
      issuedOn: DateString,
      expiresOn: Nullable(DateString),
      issuer: Type.String(),
    }),
    { description: '有效的许可证（未届满、未吊销/注销/撤销/暂停），按证照类型、编号排序' },
  ),
  revocations: Type.Array(
    Type.Object({
      typeName: Type.String(),
      number: Type.String(),
      kind: literals(['revoked', 'withdrawn'] as const),
      decidedOn: DateString,
      documentNo: Type.String({ description: '决定书文号' }),
    }),
    { description: '被吊销（revoked）或撤销（withdrawn）的许可证，最新的在前' },
  ),
  commitments: Type.Array(
    Type.Object({
      kind: literals(COMMITMENT_KINDS),
      text: Type.String(),
      signedBy: Type.String({ description: '签署人' }),
      signedOn: DateString,
    }),
    { description: '企业作出的质量安全公开承诺（未撤回的），最新签署的在前' },
  ),
  equipment: Type.Object(
    {
      byCategory: Type.Record(Type.String(), Type.Integer(), { description: '按设备类别代码（如 3000）统计的在用、停用设备台数' }),
      overdue: Type.Integer({ description: '超期未检的在用设备台数' }),
    },
    { description: '特种设备（不含报废、注销）' },
  ),
});

const SearchItem = Type.Object({ uscc: Type.String(), name: Type.String(), regionName: Type.Union([Type.String(), Type.Null()]), status: Status });

/** Anyone may search the register and look up an enterprise's public record; each client is limited (ZJ_PUBLIC_RATE_LIMIT a minute). */
export const publicEnterpriseRoutes =
  (deps: { lookup: PublicLookup; search: PublicSearch; limit: PerClientLimit }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/public/enterprises',
      {
        config: { access: 'public' },
        onRequest: deps.limit('lookup'),
        schema: {
          tags: ['public'],
          summary: '企业查询（无需登录，按客户端限流）：按名称或统一社会信用代码前缀',
          description: `q：企业名称中连续的 ${NAME_MIN} 个字以上，或统一社会信用代码的前 ${USCC_PREFIX_MIN} 位以上（只含字母数字的 q 按代码前缀），太短的 400 QUERY_TOO_SHORT。每页至多 ${PUBLIC_SEARCH_PAGE_SIZE_MAX} 条、至多 ${PUBLIC_SEARCH_PAGES_MAX} 页。只有公开字段（代码、名称、所属区划、登记状态）；匹配很多时 total 为估计值（totalExact=false）。`,
          querystring: Type.Object(
            {
              q: Type.String({ minLength: 1, maxLength: 100 }),
              page: Type.Optional(Type.Integer({ minimum: 1, maximum: PUBLIC_SEARCH_PAGES_MAX, default: 1 })),
              pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: PUBLIC_SEARCH_PAGE_SIZE_MAX, default: 10 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(SearchItem), total: Type.Integer(), totalExact: Type.Boolean() }), 400: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => deps.search(request.query.q, { page: request.query.page ?? 1, pageSize: request.query.pageSize ?? 10 }),
    );

    app.get(
      '/api/public/enterprises/:uscc',
      {
        config: { access: 'public' },
        onRequest: deps.limit('lookup'),
        schema: {
          tags: ['public'],
          summary: '企业公示信息查询（无需登录，按客户端限流）',
          params: UsccParams,
          response: { 200: PublicEnterprise, 404: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (request) => deps.lookup(request.params.uscc),
    );
  };
