import { api } from '../../api/client';
import type { ListResult, Region } from '../../api/types';

let cache: Promise<ListResult<Region>> | null = null;

export const regionsApi = {
  /** Regions rarely change: fetched once per page load. */
  list: () => {
    cache ??= api.get<ListResult<Region>>('/api/regions').catch((e: unknown) => {
      cache = null;
      throw e;
    });
    return cache;
  },
};
