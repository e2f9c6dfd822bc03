/**
 * The portal module's public API: the only file other modules import from it. Everything else in
 * this folder is inner and may change without notice.
 */
export type { PortalServices } from './portal.services.js';
