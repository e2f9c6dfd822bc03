import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';
import type { Page } from '../../platform/http/schemas.js';
import { makeEnterpriseSearch } from './search.js';
import { normalizeUscc } from './uscc.js';

/** Most rows a page of the public search shows, and the deepest page: 200 matches at most, so the register cannot be dumped. */
export const PUBLIC_SEARCH_PAGE_SIZE_MAX = 20;
export const PUBLIC_SEARCH_PAGES_MAX = 10;
/** Shortest name fragment, and shortest USCC prefix (a fragment of Latin letters and digits only is taken for one). */
export const NAME_MIN = 2;
export const USCC_PREFIX_MIN = 6;

/** The register as anyone sees it: every enterprise of the city (the search applies no other scope). */
const PUBLIC: Actor = { kind: 'apiKey', id: 'public', userId: null, name: '公众', orgId: 'public', regionCode: '', roles: [], permissions: new Set(), dataScope: 'all', enterpriseUscc: null, mustChangePassword: false };

/**
 * The public enterprise search (portal): the register's search (`search.ts`, its bigram index and
 * sample) with only public fields — USCC, name, region name, registration status; never the
 * credit class, contacts or anything else. q is a name fragment of 2+ characters or a USCC prefix
 * of 6+ (a q of Latin letters and digits only counts as a prefix); at most 20 a page and 10 pages.
 */
export function makePublicSearch(db: Db) {
  const search = makeEnterpriseSearch(db);
  return async (rawQ: string, page: Page) => {
    const q = rawQ.trim();
    const code = normalizeUscc(q);
    const min = /^[0-9A-Z]+$/.test(code) ? USCC_PREFIX_MIN : NAME_MIN;
    if ([...q].length < min) throw new AppError('QUERY_TOO_SHORT', `请输入至少 ${NAME_MIN} 个字的企业名称，或统一社会信用代码的前 ${USCC_PREFIX_MIN} 位以上`, 400, { field: 'q', min });
    if (page.page > PUBLIC_SEARCH_PAGES_MAX || page.pageSize > PUBLIC_SEARCH_PAGE_SIZE_MAX) throw new AppError('PAGE_TOO_DEEP', `最多显示前 ${PUBLIC_SEARCH_PAGES_MAX} 页、每页 ${PUBLIC_SEARCH_PAGE_SIZE_MAX} 条，请输入更完整的名称或代码`, 400, { field: 'page' });
    const found = await search(PUBLIC, { q: min === USCC_PREFIX_MIN ? code : q }, page);
    return {
      items: found.items.map((e) => ({ uscc: e.uscc, name: e.name, regionName: e.regionName, status: e.status })),
      total: found.total,
      totalExact: found.totalExact,
    };
  };
}

export type PublicSearch = ReturnType<typeof makePublicSearch>;
