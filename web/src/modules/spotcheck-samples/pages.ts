/** The samples' pages, loaded together on first use (one lazy chunk; the statistics load on their own). */
export { BulletinDetailPage } from './BulletinDetailPage';
export { BulletinListPage } from './BulletinListPage';
export { FollowupListPage, ObjectionListPage } from './WorkLists';
export { SampleDetailPage } from './SampleDetailPage';
export { SampleListPage, TaskListPage } from './SampleListPage';
