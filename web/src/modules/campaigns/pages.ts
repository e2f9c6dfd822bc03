/** The campaign pages, loaded together on first use (one lazy chunk: a smaller first download for the shell). */
export { CampaignDetailPage } from './CampaignDetailPage';
export { CampaignListPage } from './CampaignListPage';
