/**
 * The case administration pages without charts, loaded together on first use (one lazy chunk: a
 * smaller first download for the shell); the transfer statistics (ECharts) load on their own.
 */
export { DiscretionPage } from './DiscretionPage';
export { ExchangePage } from './ExchangePage';
export { ExternalCasesPage } from './ExternalCasesPage';
export { PublicationListPage } from './PublicationListPage';
