/** The user's to-dos: the list on the home page and the badge in the header. */
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { headerActions } from '../../app/modules/slots';

export { TodoList } from './LazyTodoList';

export const todosModule: WebModule = {
  name: 'todos',
  contributes: [contribute(headerActions, { key: 'todos', order: 10, component: page(() => import('./TodoBadge'), 'TodoBadge') })],
};
