/** Administrative regions (a lookup other modules use; no pages). */
import type { WebModule } from '../../app/modules/webModule';

export { useRegions, type RegionLookup } from './useRegions';

export const regionsModule: WebModule = { name: 'regions' };
