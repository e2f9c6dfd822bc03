/** The spot checks' public pages, loaded together on first use (one lazy chunk). */
export { PublicBulletinListPage, PublicBulletinPage } from './PublicBulletinPages';
export { PublicResultsPage } from './PublicResultsPage';
export { PublicSelectionsPage } from './PublicSelectionsPage';
export { PublicSpotcheckDrawPage } from './PublicSpotcheckDrawPage';
