/** The cluster pages, loaded together on first use (one lazy chunk: a smaller first download for the shell). */
export { ClusterDetailPage } from './ClusterDetailPage';
export { ClusterListPage } from './ClusterListPage';
