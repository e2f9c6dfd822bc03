import { api } from '../../api/client';
import type { ListResult, PageQuery, ResponseOf } from '../../api/types';

export type Todo = ResponseOf<'/api/todos', 'get'>['items'][number];

export const todosApi = {
  list: (query: PageQuery) => api.get<ListResult<Todo>>('/api/todos', query),
  done: (id: string) => api.post<Todo>(`/api/todos/${encodeURIComponent(id)}/done`, {}),
};
