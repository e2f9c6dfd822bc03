import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';

/** Keys of the URL that the list itself uses; every other key is a search-form value. */
const OWN_KEYS = ['page', 'pageSize', 'sort', 'scope'];

/**
 * Form values as URL text: strings as they are, other values marked by a first character
 * (`!` boolean, `#` number, `@` date) and a string that starts with a mark escaped by `~`.
 */
function encodeValue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return /^[!#@~]/.test(value) ? `~${value}` : value;
  if (typeof value === 'boolean') return `!${value}`;
  if (typeof value === 'number') return `#${value}`;
  if (dayjs.isDayjs(value)) return `@${(value as Dayjs).toISOString()}`;
  return undefined;
}

function decodeValue(text: string): unknown {
  switch (text[0]) {
    case '~':
      return text.slice(1);
    case '!':
      return text === '!true';
    case '#':
      return Number(text.slice(1));
    case '@':
      return dayjs(text.slice(1));
    default:
      return text;
  }
}

/** The search-form values held in the URL (arrays as `key[]` repeated). */
function valuesOf(params: URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    if (OWN_KEYS.includes(key)) continue;
    if (key.endsWith('[]')) values[key.slice(0, -2)] = params.getAll(key).map(decodeValue);
    else values[key] = decodeValue(params.get(key)!);
  }
  return values;
}

const positive = (text: string | null, fallback: number) => {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export interface ListState {
  /** The search form's submitted values. */
  values: Record<string, unknown>;
  page: number;
  pageSize: number;
  /** The API's `sort` value (`key` or `-key`), if any. */
  sort: string | undefined;
  /** The selection in the list's side panel (e.g. a node of the org tree), if any. */
  scope: string | undefined;
  /** Replaces the form values (a new search: back to page 1, the sort kept). */
  setValues: (values: Record<string, unknown>) => void;
  setPage: (page: number, pageSize?: number) => void;
  /** A new sort starts again from page 1. */
  setSort: (sort: string | undefined) => void;
  /** A new side-panel selection (kept by new searches) starts again from page 1. */
  setScope: (scope: string | undefined) => void;
}

/**
 * A list page's filters, sort, page and side-panel selection, kept in the URL's query string, so that Back from a
 * detail page, a reload or a shared link returns to the same place. Changes replace the
 * current history entry (paging through a list does not fill the Back button's history).
 */
export function useListState(defaultPageSize = 20): ListState {
  const [params, setParams] = useSearchParams();
  const key = params.toString();

  const values = useMemo(() => valuesOf(new URLSearchParams(key)), [key]);
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), defaultPageSize);
  const sort = params.get('sort') ?? undefined;
  const scope = params.get('scope') ?? undefined;

  const update = useCallback(
    (change: (next: URLSearchParams) => void) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          change(next);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setValues = useCallback(
    (form: Record<string, unknown>) =>
      update((next) => {
        for (const k of [...next.keys()]) if (!OWN_KEYS.includes(k) || k === 'page') next.delete(k);
        for (const [name, value] of Object.entries(form)) {
          if (Array.isArray(value)) {
            for (const item of value) {
              const text = encodeValue(item);
              if (text !== undefined) next.append(`${name}[]`, text);
            }
          } else {
            const text = encodeValue(value);
            if (text !== undefined) next.set(name, text);
          }
        }
      }),
    [update],
  );

  const setPage = useCallback(
    (p: number, size?: number) =>
      update((next) => {
        if (p > 1) next.set('page', String(p));
        else next.delete('page');
        if (size !== undefined && size !== defaultPageSize) next.set('pageSize', String(size));
        else if (size !== undefined) next.delete('pageSize');
      }),
    [update, defaultPageSize],
  );

  const setSort = useCallback(
    (s: string | undefined) =>
      update((next) => {
        if (s) next.set('sort', s);
        else next.delete('sort');
        next.delete('page');
      }),
    [update],
  );

  const setScope = useCallback(
    (s: string | undefined) =>
      update((next) => {
        if (s) next.set('scope', s);
        else next.delete('scope');
        next.delete('page');
      }),
    [update],
  );

  return { values, page, pageSize, sort, scope, setValues, setPage, setSort, setScope };
}
