/** The lots' and institutions' pages, loaded together on first use (one lazy chunk). */
export { InstitutionDetailPage } from './InstitutionDetailPage';
export { InstitutionListPage } from './InstitutionListPage';
export { LotDetailPage } from './LotDetailPage';
export { LotListPage } from './LotListPage';
export { MyInstitutionPage } from './MyInstitutionPage';
export { MyLotsPage } from './MyLotsPage';
export { OpenLotsPage } from './OpenLotsPage';
