/** The tabs of a case's page below its header (one file each in tabs/): each loads its own data when opened (and again after an action). */
export { DocumentsTab } from './tabs/DocumentsTab';
export { EvidenceTab } from './tabs/EvidenceTab';
export { PartiesTab } from './tabs/PartiesTab';
export { PublicationTab } from './tabs/PublicationTab';
export { SupervisionTab } from './tabs/SupervisionTab';
export type { TabProps } from './tabs/tabShared';
export { TimelineTab } from './tabs/TimelineTab';
export { TransfersTab } from './tabs/TransfersTab';
