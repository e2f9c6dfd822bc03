/** The spot-check planning pages, loaded together on first use (one lazy chunk). */
export { PlanDetailPage } from './PlanDetailPage';
export { PlanListPage } from './PlanListPage';
export { ProductDetailPage } from './ProductDetailPage';
export { ProductListPage } from './ProductListPage';
export { SamplingPlanPage } from './SamplingPlanCalculator';
export { SuggestionsPage } from './SuggestionsPage';
