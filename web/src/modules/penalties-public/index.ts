/**
 * 行政处罚信息公示 (issue 18, SAMR Order 45): the public page of penalty decisions in their public
 * period, searched by USCC and year; no sign-in, phone first, linked from the public look-up.
 */
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { publicLinks } from '../public';
import { penaltiesPublicMessages } from './penaltiesPublic.i18n';

export const penaltiesPublicModule: WebModule = {
  name: 'penalties-public',
  routes: [{ path: '/public/penalties', layout: 'public', page: page(() => import('./PublicPenaltiesPage'), 'PublicPenaltiesPage') }],
  messages: [penaltiesPublicMessages],
  contributes: [contribute(publicLinks, { key: 'penalties', to: '/public/penalties', label: 'penaltiesPublic.link', order: 30 })],
};
