import type { SelectProps } from 'antd';
import { ApiError } from '../../api/client';
import type { ListResult, PageQuery } from '../../api/types';
import type { FieldError } from '../../app/hooks/useServerFieldError';
import { todayInChina } from '../../app/format';

/**
 * A ListPage `fetch` over a list the server answers whole (object pools, plans): the page is cut
 * here, and page/pageSize are not sent (those routes reject unknown query keys).
 */
export function pagedLocally<T, Q extends object>(loadAll: (query: Omit<Q, keyof PageQuery>) => Promise<ListResult<T>>) {
  return async (query: Q & PageQuery): Promise<ListResult<T>> => {
    const { page = 1, pageSize = 20, ...rest } = query;
    const all = await loadAll(rest);
    return { items: all.items.slice((page - 1) * pageSize, page * pageSize), total: all.total };
  };
}

/**
 * For dialogs whose server errors name nested fields (`checklist.2.key`, `filter.tag`): the
 * dialog field for the error's `details.field`, through `map` (an exact name first, then its
 * first segment), with the server's message.
 */
export const mappedFieldError =
  <F extends string>(map: Readonly<Record<string, F>>) =>
  (err: unknown): FieldError<F> | null => {
    if (!(err instanceof ApiError)) return null;
    const named = (err.details as { field?: unknown } | null | undefined)?.field;
    if (typeof named !== 'string') return null;
    const name = [named, named.split('.')[0]!].find((n) => Object.hasOwn(map, n));
    const field = name === undefined ? undefined : map[name];
    return field ? { field, message: err.message } : null;
  };

/** Trimmed, non-empty, distinct values of a tags input. */
export const cleanTags = (values: readonly string[] | undefined): string[] => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];

/** The current year, for the plan filters and the new-plan form. */
export const thisYear = () => todayInChina().year();

/** Props of a Select used as a tags input: type a value and press Enter (or a comma) to add it. */
export const TAGS_INPUT: SelectProps<string[]> = { mode: 'tags', tokenSeparators: [',', '，'], suffixIcon: null, notFoundContent: null };

/** The public page of a draw (no login). */
export const publicDrawPath = (id: string) => `/public/draws/${encodeURIComponent(id)}`;
