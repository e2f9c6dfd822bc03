/**
 * 信息发布平台 (issue 20), the public portal: home with the enterprise search, the dishonest list,
 * the bureau's notices and exposures, open data; the staff's pages for drafting and approving the
 * portal's notices; 企业端 /my/credit (advance notices of listing, credit repair).
 */
import type { WebModule } from '../../app/modules/webModule';
import { portalMessages } from './portal.i18n';

export const portalModule: WebModule = {
  name: 'portal',
  routes: [],
  messages: [portalMessages],
};
