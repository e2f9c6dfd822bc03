import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { VersionSchema, ifMatch } from '../http/etag.js';
import { ctxOf } from '../http/request.js';
import { Body, ErrorSchema, Id, IdParams, ListOf, PageQuery, Timestamp, pageOf } from '../http/schemas.js';
import { ORG_TYPES } from './jurisdiction.schema.js';
import type { JurisdictionService } from './jurisdiction.service.js';

const OrgType = Type.Union(ORG_TYPES.map((t) => Type.Literal(t)));
const RegionCode = Type.String({ pattern: '^\\d{6}(\\d{3}){0,2}$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
/** The bureau's short name that its documents are numbered with (e.g. 涟市监 → 涟市监责改〔2026〕4号); null or '' for none. */
/** The address and phone the bureau gives the public (the public site's footer, 行政处罚告知书 and 检验结果通知书); null or '' for none. */
const Address = Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: '对外公布的地址；空则不显示' });
const Phone = Type.Union([Type.String({ maxLength: 30 }), Type.Null()], { description: '对外公布的联系电话：手机号或带区号的固定电话（如 0517-83601234）；空则不显示' });
const ShortName = Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { description: '文书编号所用的机构简称（如“涟市监”，编号为“涟市监责改〔2026〕4号”）；空则用全称' });

const Org = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()], { description: '文书编号所用的机构简称' }),
  address: Type.Union([Type.String(), Type.Null()], { description: '对外公布的地址（公开网站页脚、行政处罚告知书、检验结果通知书）' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: '对外公布的联系电话（公开网站页脚、行政处罚告知书、检验结果通知书）' }),
  type: OrgType,
  regionCode: Type.String(),
  regionName: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String(), Type.Null()]),
  parentName: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  version: VersionSchema,
  createdAt: Timestamp,
});

const Region = Type.Object({ code: Type.String(), name: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]), level: Type.Integer() });

export const jurisdictionRoutes =
  (service: JurisdictionService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/regions', { config: { access: 'authenticated' }, schema: { tags: ['jurisdiction'], summary: '行政区划', response: { 200: ListOf(Region) } } }, async () => {
      const items = await service.listRegions();
      return { items, total: items.length };
    });

    app.get(
      '/api/orgs',
      {
        config: { access: 'org.read' },
        schema: {
          tags: ['jurisdiction'],
          summary: '机构列表（限本人数据范围）',
          querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), type: Type.Optional(OrgType), regionCode: Type.Optional(RegionCode), parentId: Type.Optional(Id) }, { additionalProperties: false }),
          response: { 200: ListOf(Org) },
        },
      },
      async (request) => service.listOrgs(request.actor!, request.query, pageOf(request.query)),
    );

    app.get('/api/orgs/:id', { config: { access: 'org.read' }, schema: { tags: ['jurisdiction'], summary: '机构详情', params: IdParams, response: { 200: Org, 404: ErrorSchema } } }, async (request) =>
      service.getOrg(request.actor!, request.params.id),
    );

    app.post(
      '/api/orgs',
      {
        config: { access: 'org.write' },
        schema: {
          tags: ['jurisdiction'],
          summary: '新建机构（上级默认为市局）',
          body: Body({ name: Name, shortName: Type.Optional(ShortName), address: Type.Optional(Address), phone: Type.Optional(Phone), type: OrgType, regionCode: RegionCode, parentId: Type.Optional(Id) }),
          response: { 201: Org, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await service.createOrg(ctxOf(request), request.body)),
    );

    app.patch(
      '/api/orgs/:id',
      {
        config: { access: 'org.write' },
        schema: {
          tags: ['jurisdiction'],
          summary: '修改机构（名称、文书简称、行政区划、上级、启用/停用；If-Match）',
          params: IdParams,
          body: Body({ name: Type.Optional(Name), shortName: Type.Optional(ShortName), address: Type.Optional(Address), phone: Type.Optional(Phone), regionCode: Type.Optional(RegionCode), parentId: Type.Optional(Id), active: Type.Optional(Type.Boolean()) }),
          response: { 200: Org, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 412: ErrorSchema },
        },
      },
      async (request) => service.updateOrg(ctxOf(request), request.params.id, request.body, ifMatch(request)),
    );
  };
