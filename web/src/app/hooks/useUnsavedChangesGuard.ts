import { App } from 'antd';
import { useContext, useEffect } from 'react';
import { UNSAFE_NavigationContext } from 'react-router-dom';

type Go = (...args: unknown[]) => void;

/**
 * While `when` holds, leaving the page asks first: the browser's own prompt on reload, closing
 * the tab or leaving the site (beforeunload), and a confirmation dialog on navigation inside the
 * app (links, menus and `navigate()` go through the router's navigator, whose push/replace/go
 * are held until the user confirms). The browser's own Back button is not held (BrowserRouter
 * cannot); the answers are kept on the device then.
 */
export function useUnsavedChangesGuard(when: boolean, texts: { title: string; content: string; ok: string; cancel: string }) {
  const { modal } = App.useApp();
  const { navigator } = useContext(UNSAFE_NavigationContext);

  useEffect(() => {
    if (!when) return undefined;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set to show their prompt
    };
    window.addEventListener('beforeunload', onBeforeUnload);

    const nav = navigator as unknown as { push: Go; replace: Go; go: Go };
    const { push, replace, go } = nav;
    const held =
      (go: Go): Go =>
      (...args) =>
        void modal.confirm({ title: texts.title, content: texts.content, okText: texts.ok, cancelText: texts.cancel, okButtonProps: { danger: true }, onOk: () => go.apply(navigator, args) });
    nav.push = held(push);
    nav.replace = held(replace);
    nav.go = held(go);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      nav.push = push;
      nav.replace = replace;
      nav.go = go;
    };
  }, [when, navigator, modal, texts.title, texts.content, texts.ok, texts.cancel]);
}
