/** The enterprise's spot check pages (企业端), loaded together on first use. */
export { MySpotcheckPage } from './MySpotcheckPage';
export { MySpotchecksPage } from './MySpotchecksPage';
