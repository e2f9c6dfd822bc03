/**
 * antd 5 renders a few things (wave effect, static holders) outside the React tree with the
 * legacy ReactDOM.render, which React 19 removed. Teach it to use createRoot instead
 * (same as @ant-design/v5-patch-for-react-19).
 */
import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

type Container = (Element | DocumentFragment) & { _zjRoot?: Root };

unstableSetRender((node, container) => {
  const c = container as Container;
  c._zjRoot ??= createRoot(c);
  const root = c._zjRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete c._zjRoot;
  };
});
