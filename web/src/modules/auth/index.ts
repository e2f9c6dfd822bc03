/** The auth module: signing in and changing one's password. */
import { page, type WebModule } from '../../app/modules/webModule';

export { AuthPageFrame, PageHeading } from './AuthPageFrame';

export const authModule: WebModule = {
  name: 'auth',
  routes: [
    { path: '/login', layout: 'guest', page: page(() => import('./LoginPage'), 'LoginPage') },
    { path: '/password', page: page(() => import('./ChangePasswordPage'), 'ChangePasswordPage') },
  ],
};
