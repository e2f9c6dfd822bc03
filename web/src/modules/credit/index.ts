/**
 * 质量信用 (issue 20), the staff side: the enterprise's credit archive (timeline, score and its
 * reasons, override, class history, report), the dishonest list and credit repair, the credit
 * model's versions, third-party evaluators and their ratings, departments' feedback; the
 * evaluators' own pages.
 */
import type { WebModule } from '../../app/modules/webModule';
import { creditMessages } from './credit.i18n';

export const creditModule: WebModule = {
  name: 'credit',
  routes: [],
  messages: [creditMessages],
};
