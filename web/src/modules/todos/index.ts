/** The user's to-dos: the list on the home page and the badge in the header. */
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { headerActions } from '../../app/modules/slots';
import { todosMessages } from './todos.i18n';

export { TodoList } from './TodoList';

export const todosModule: WebModule = {
  name: 'todos',
  messages: [todosMessages],
  contributes: [contribute(headerActions, { key: 'todos', order: 10, component: page(() => import('./TodoBadge'), 'TodoBadge') })],
};
