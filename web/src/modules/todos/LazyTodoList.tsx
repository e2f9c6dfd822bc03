import { Suspense } from 'react';
import { page } from '../../app/modules/webModule';

const Lazy = page(() => import('./TodoList'), 'TodoList');

/**
 * The to-do list as other modules' pages show it: its code and strings (todos.i18n.ts) load with it,
 * not with the first download (this file is part of it, so it imports nothing heavy: no antd).
 */
export function TodoList() {
  return (
    <Suspense fallback={null}>
      <Lazy />
    </Suspense>
  );
}
