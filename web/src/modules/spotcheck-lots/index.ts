/** STUB (issue 19, being written). */
import type { WebModule } from '../../app/modules/webModule';

export const spotcheckLotsModule: WebModule = { name: 'spotcheck-lots' };
