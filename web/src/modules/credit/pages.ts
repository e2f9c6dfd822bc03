/** The credit pages, loaded together on first use (one lazy chunk). */
export { ArchivePage } from './ArchivePage';
export { CheckPage } from './CheckPage';
export { EvaluatorDetailPage } from './EvaluatorDetailPage';
export { EvaluatorListPage } from './EvaluatorListPage';
export { ListingDetailPage } from './ListingDetailPage';
export { ListingListPage } from './ListingListPage';
export { ModelPage } from './ModelPage';
export { MyRatingsPage } from './MyRatingsPage';
export { RepairListPage } from './RepairListPage';
export { SearchPage } from './SearchPage';
