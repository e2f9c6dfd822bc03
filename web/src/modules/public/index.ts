/** The public enterprise lookup (no sign-in). */
import { page, type WebModule } from '../../app/modules/webModule';
import { publicMessages } from './public.i18n';

export { publicLinks, type PublicLink } from './publicLinks';

export const publicModule: WebModule = {
  name: 'public',
  routes: [{ path: '/public/enterprise', layout: 'public', page: page(() => import('./PublicEnterprisePage'), 'PublicEnterprisePage') }],
  messages: [publicMessages],
};
