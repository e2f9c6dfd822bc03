/**
 * The accounts module's public API (enterprises' accounts, 企业端): the only file other modules
 * import from it. Everything else in this folder is inner and may change without notice.
 */
export type { AccountsService } from './accounts.service.js';
export { enterpriseAccounts } from './accounts.schema.js';
