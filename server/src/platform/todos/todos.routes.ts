import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ctxOf } from '../http/request.js';
import { ErrorSchema, IdParams, ListOf, Nullable, PageQuery, Timestamp, literals, pageOf } from '../http/schemas.js';
import type { TodosService } from './todos.service.js';

const Todo = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: '提醒类别，例如 licence.expiring_30、licence.change_overdue、feedback.overdue' }),
  subjectType: Type.String(),
  subjectId: Type.String(),
  title: Type.String({ description: '中文标题' }),
  params: Type.Record(Type.String(), Type.String(), { description: '标题的各组成部分（界面据此按所选语言组织文字）；旧事项可能为空' }),
  link: Type.String({ description: '处理该事项的页面路径' }),
  dueOn: Nullable(Type.String()),
  dueCertain: Type.Boolean({ description: '期限按工作日计算且跨越无节假日数据的年份时为 false（界面以 ⚠ 标注）；其他情况为 true' }),
  regionCode: Type.String(),
  status: literals(['open', 'done', 'resolved'] as const),
  createdAt: Timestamp,
});

/** Every signed-in user reads the to-dos addressed to their org; the list is theirs by construction. */
export const todosRoutes =
  (service: TodosService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/todos',
      { config: { access: 'authenticated' }, schema: { tags: ['todos'], summary: '当前用户的待办事项（来自各模块，最紧急的在前）', querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: ListOf(Todo) } } },
      async (request) => service.list(request.actor!, pageOf(request.query)),
    );

    app.post(
      '/api/todos/:id/done',
      { config: { access: 'authenticated' }, schema: { tags: ['todos'], summary: '标记待办事项为已办', params: IdParams, response: { 200: Todo, 404: ErrorSchema } } },
      async (request) => service.complete(ctxOf(request), request.params.id),
    );
  };
