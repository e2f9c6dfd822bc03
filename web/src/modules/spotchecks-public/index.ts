/** STUB (issue 19, being written). */
import type { WebModule } from '../../app/modules/webModule';

export const spotchecksPublicModule: WebModule = { name: 'spotchecks-public' };
