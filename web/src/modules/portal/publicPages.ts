/** The portal's public pages (信息公开), loaded together on first use (one lazy chunk). */
export { DishonestListPage } from './DishonestListPage';
export { PublicNoticePage, PublicNoticesPage } from './NoticePages';
export { OpenDataPage } from './OpenDataPage';
export { PortalHomePage } from './PortalHomePage';
