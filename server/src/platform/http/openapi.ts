import { isDeepStrictEqual } from 'node:util';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { SESSION_COOKIE } from '../auth/auth.plugin.js';
import type { Access } from './request.js';
import { ErrorSchema } from './schemas.js';

/**
 * The OpenAPI document served at /api/docs/json (and written by `npm run api:gen`), as integrators
 * read it: every operation says how it is authenticated, derived here from its route's
 * `config.access` rather than repeated on each route; the error responses every route can give
 * are added here too, as references to one `Error` shape. Routes declare their own summary and
 * tags; `openapi.test.ts` checks that each one does.
 */

/** Security scheme names, as operations refer to them. */
export const SCHEMES = { session: 'session', csrf: 'csrf', apiKey: 'apiKey' } as const;

const securitySchemes = {
  [SCHEMES.session]: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: '工作人员的会话：POST /api/auth/login 成功后设置（HttpOnly）。不安全的方法（POST、PUT、PATCH、DELETE）还须带 X-CSRF-Token 请求头。',
  },
  [SCHEMES.csrf]: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: '会话的 CSRF 令牌：登录或 GET /api/auth/session 的应答中的 csrfToken。凭会话 Cookie 调用不安全的方法时必带。',
  },
  [SCHEMES.apiKey]: {
    type: 'http',
    scheme: 'bearer',
    description: '其他部门系统的 API 密钥（zjk_ 开头，由管理员签发）：Authorization: Bearer <密钥>。权限为密钥所属角色的权限，数据范围不超过其机构所在行政区划；无需 CSRF 令牌。',
  },
} as const;

const tagDescriptions: Record<string, string> = {
  system: '系统状态',
  auth: '登录、会话与密码',
  jurisdiction: '行政区划与机构',
  users: '用户账号',
  access: '角色、权限与 API 密钥',
  audit: '审计日志',
  calendar: '工作日历（法定节假日与调休）',
  todos: '待办事项',
  enterprises: '市场主体名录',
  public: '公开查询（无需登录，按客户端限流）',
  licences: '许可证、其他部门通报与无证线索',
  'licence-exits': '许可退出（核查、吊销或注销）',
  inspections: '双随机抽查：事项、检查人员、名录库、计划与抽取',
  'inspection-tasks': '检查任务、整改与结果公示',
  'enterprise-accounts': '企业账号（企业端）的开设与账号申请',
  'enterprise-self': '企业端：本企业的记录、整改报送',
  commitments: '质量安全公开承诺',
  equipment: '特种设备：台账、定期检验、作业人员、隐患、安全监察、分级监管',
  complaints: '投诉举报（12315）：登记、分派、办理时限、调解、核查、奖励、统计',
  cases: '执法办案：线索、立案、调查取证、审核、告知、听证、处罚决定、送达、执行、结案；督办、联办、移送公安、处罚信息公示、案件信息共享、专项执法行动、产业集聚区',
  credit: '质量信用：信用档案、信用评价模型与分级、人工调整、严重违法失信名单与信用修复、第三方信用评价机构、联合惩戒核查与反馈',
  portal: '公众门户：通知公告、计划、结果、曝光的起草、审核、发布与撤回，每日开放数据文件',
  spotchecks: '产品质量监督抽查：产品目录与实施细则、年度计划（合格率 95% 规则）与专项计划、县区建议、承检机构与承检申请、竞争性选定、抽样（双随机抽取）、检验结果、异议与复检、不合格后处理、质量公告与统计',
};

/** The shared error responses, by status code: `#/components/responses/<name>`. */
const errorResponses: Record<string, { name: string; description: string }> = {
  '400': { name: 'BadRequest', description: '请求不合法（参数校验失败 VALIDATION、含空字符、JSON 格式错误 BAD_REQUEST，或业务规则不允许）' },
  '401': { name: 'Unauthenticated', description: '未登录、会话已过期或 API 密钥无效（UNAUTHENTICATED）' },
  '403': { name: 'Forbidden', description: '无权执行（FORBIDDEN）、CSRF 令牌缺失或错误（CSRF）、须先修改初始密码（PASSWORD_CHANGE_REQUIRED）' },
  '404': { name: 'NotFound', description: '记录不存在或不在调用者的数据范围内（NOT_FOUND）' },
  '409': { name: 'Conflict', description: '与现有记录冲突或当前状态不允许（CONFLICT 等）' },
  '410': { name: 'Gone', description: '记录已撤回或不再公开（如已撤回的门户信息：WITHDRAWN）' },
  '412': { name: 'PreconditionFailed', description: 'If-Match 与当前版本不符：记录已被他人修改，请重新读取（PRECONDITION_FAILED）' },
  '413': { name: 'PayloadTooLarge', description: '请求体或上传文件过大（PAYLOAD_TOO_LARGE）' },
  '415': { name: 'UnsupportedMediaType', description: '不支持的请求体类型（UNSUPPORTED_MEDIA_TYPE）' },
  '422': { name: 'UnprocessableEntity', description: '请求无法按原样处理：如 Idempotency-Key 已用于内容不同的请求（IDEMPOTENCY_MISMATCH）' },
  '423': { name: 'Locked', description: '账号已锁定，请稍后再试或联系管理员（LOCKED）' },
  '428': { name: 'PreconditionRequired', description: '须带 If-Match 请求头：读取时的 ETag（PRECONDITION_REQUIRED）' },
  '429': { name: 'TooManyRequests', description: '请求过于频繁：按 Retry-After 响应头等待后再试（RATE_LIMITED）' },
  '503': { name: 'ServiceUnavailable', description: '服务器缺少完成请求所需的组件，由管理员处理（如生成 PDF 的中文字体：PDF_FONT_MISSING）' },
};

/** Descriptions for success responses that declare none (the plugin writes "Default Response"). */
const successDescriptions: Record<string, string> = { '200': '成功', '201': '已创建', '202': '已受理', '204': '成功，无应答体' };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Marks, on an operation, the error statuses its route can answer; replaced by references in `finish`. */
const ERRORS_MARK = 'x-zj-errors';

type Requirement = Record<string, string[]>;
/** The If-Match header of every change that can answer 412 (documentation only: the routes read it with `ifMatch`). */
const IF_MATCH_HEADER = {
  type: 'object',
  properties: { 'if-match': { type: 'string', description: '所依据的版本（读取时响应头 ETag 的值，如 "3"）；已被他人修改时 412 PRECONDITION_FAILED。部分修改（如更正许可证）必须提供，缺少时 428' } },
} as const;

type RouteSchema = FastifySchema & { security?: Requirement[]; description?: string; [key: `x-${string}`]: unknown };

/**
 * Who may call a route: public routes say so explicitly (`[]`); the others take a session or an API
 * key (a route may narrow that with its own `schema.security`). A session on an unsafe method
 * needs the CSRF header too, so it is added to every requirement that names the session.
 */
export function securityOf(access: Access, methods: readonly string[], declared?: Requirement[]): Requirement[] {
  if (access === 'public') return [];
  const unsafe = methods.some((m) => UNSAFE.has(m.toUpperCase()));
  const base = declared ?? [{ [SCHEMES.session]: [] }, { [SCHEMES.apiKey]: [] }];
  return base.map((req) => (unsafe && SCHEMES.session in req && !(SCHEMES.csrf in req) ? { ...req, [SCHEMES.csrf]: [] } : req));
}

/**
 * The error statuses the platform itself can answer on a route, whatever its handler does:
 * 400 on any request (the NUL check reads every query string; bodies are parsed), 401 and 403 on
 * non-public routes (403 unless any signed-in caller may use it even before changing an initial
 * password, on a safe method), 404 when the path has parameters.
 */
export function platformErrorsOf(access: Access, methods: readonly string[], url: string, allowPendingPasswordChange: boolean): string[] {
  const codes = ['400'];
  if (access !== 'public') {
    codes.push('401');
    const unsafe = methods.some((m) => UNSAFE.has(m.toUpperCase()));
    if (access !== 'authenticated' || !allowPendingPasswordChange || unsafe) codes.push('403');
  }
  if (url.includes(':')) codes.push('404');
  return codes;
}

/** `get /api/orgs/{id}` → `getOrgsById`: unique as long as method and path are. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param ? ['by', ...param.split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const transform: NonNullable<FastifyDynamicSwaggerOptions['transform']> = ({ schema, url, route }) => {
  const access = route.config?.access;
  if (!access || !schema) return { schema, url };
  const s = schema as RouteSchema;
  const methods = [route.method].flat();
  const out: RouteSchema = { ...s, security: securityOf(access, methods, s.security), [ERRORS_MARK]: platformErrorsOf(access, methods, url, !!route.config?.allowPendingPasswordChange) };
  // A change that answers 412 takes the version it was based on (the ETag of the record) in If-Match.
  const responses = s.response as Record<string, unknown> | undefined;
  if (responses && '412' in responses && !s.headers) out.headers = IF_MATCH_HEADER;
  if (access !== 'public' && access !== 'authenticated') {
    out['x-permission'] = access;
    out.description = [s.description, `权限：${[access].flat().map((p) => `\`${p}\``).join(' 或 ')}`].filter(Boolean).join('\n\n');
  }
  return { schema: out, url };
};

interface Operation {
  operationId?: string;
  responses?: Record<string, unknown>;
  [ERRORS_MARK]?: string[];
}
interface MediaType {
  schema?: unknown;
}
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The error shape as the document writes it (the TypeBox schema without its symbols). */
const errorShape = JSON.parse(JSON.stringify(ErrorSchema)) as object;
const isErrorResponse = (response: unknown) => {
  const content = (response as { content?: Record<string, MediaType> } | undefined)?.content;
  return !!content && Object.values(content).length > 0 && Object.values(content).every((m) => isDeepStrictEqual(m.schema, errorShape));
};

/**
 * The document as a whole: servers, tag descriptions, shared error responses (inline error shapes
 * become references; missing platform errors are added), an operationId for each operation.
 */
function finish(doc: Record<string, unknown>) {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const used = new Set<string>();
  const ids = new Map<string, string>();
  const tags: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const tag of (op as { tags?: string[] }).tags ?? []) if (!tags.includes(tag)) tags.push(tag);
      op.operationId ??= operationIdOf(method, path);
      const clash = ids.get(op.operationId);
      if (clash) throw new Error(`operationId ${op.operationId} of ${method} ${path} is also ${clash}'s`);
      ids.set(op.operationId, `${method} ${path}`);

      const responses = (op.responses ??= {});
      for (const code of op[ERRORS_MARK] ?? []) responses[code] ??= null;
      delete op[ERRORS_MARK];
      for (const [code, response] of Object.entries(responses)) {
        const shared = errorResponses[code];
        if (shared && (response === null || isErrorResponse(response))) {
          responses[code] = { $ref: `#/components/responses/${shared.name}` };
          used.add(code);
        } else if (response === null) {
          delete responses[code];
        } else if ((response as { description?: string }).description === 'Default Response' && successDescriptions[code]) {
          (response as { description: string }).description = successDescriptions[code];
        }
      }
    }
  }

  const components = (doc.components ?? {}) as Record<string, Record<string, unknown>>;
  components.schemas = { ...components.schemas, Error: { ...errorShape, description: '错误应答：code 为稳定的英文代码，message 为中文说明，details 为可选的细节（如校验失败的字段）' } };
  components.responses = { ...components.responses };
  for (const code of Object.keys(errorResponses).filter((c) => used.has(c))) {
    const { name, description } = errorResponses[code]!;
    components.responses[name] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  doc.components = components;
  doc.servers = [{ url: '/', description: '本服务（接口与本文档同源）' }];
  doc.tags = tags.map((name) => (tagDescriptions[name] ? { name, description: tagDescriptions[name] } : { name }));
  return doc;
}

/** Options for @fastify/swagger. */
export function openApiOptions(): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info: { title: 'Zhijian 质监 API', version: '0.1.0', description: '错误统一为 { "error": { "code", "message", "details" } }；列表为 { "items", "total" }。' },
      // Here and not in `finish`: the plugin reads the schemes while it builds each operation.
      components: { securitySchemes },
    },
    transform,
    transformObject: (documentObject) => finish((documentObject as unknown as { openapiObject: Record<string, unknown> }).openapiObject),
  };
}
