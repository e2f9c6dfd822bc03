import { App } from 'antd';
import { useEffect } from 'react';
import { useBlocker } from 'react-router-dom';

/**
 * While `when` holds, leaving the page asks first: the browser's own prompt on reload, closing
 * the tab or leaving the site (beforeunload), and a confirmation dialog on every navigation
 * inside the app — links, menus, `navigate()` and the browser's Back and Forward buttons (the
 * data router's blocker holds them until the user confirms; Cancel stays on the page).
 */
export function useUnsavedChangesGuard(when: boolean, texts: { title: string; content: string; ok: string; cancel: string }) {
  const { modal } = App.useApp();
  // a change of the hash alone (an anchor on the same page) is not leaving
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => when && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!when) return undefined;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set to show their prompt
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  useEffect(() => {
    if (blocker.state !== 'blocked') return undefined;
    const dialog = modal.confirm({
      title: texts.title,
      content: texts.content,
      okText: texts.ok,
      cancelText: texts.cancel,
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
    return () => dialog.destroy();
  }, [blocker, modal, texts.title, texts.content, texts.ok, texts.cancel]);
}
