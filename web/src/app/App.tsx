import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useLayoutEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, RouterProvider, Routes, createBrowserRouter } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { FullPageSpin, RequireAuth, RequirePermission } from './auth/guards';
import { usePrefersReducedMotion } from './hooks/usePrefersReducedMotion';
import { appRoutes, outsideRoutes } from './routes';
import { Loaded, page } from './modules/webModule';
import { appTheme } from './theme';

/** The shell (header, side menu) is loaded only once someone signs in. */
const AppLayout = page(() => import('./layout/AppLayout'), 'AppLayout');
const NotFoundPage = page(() => import('./pages/ErrorPages'), 'NotFoundPage');

function PublicOnly({ children }: { children: React.ReactNode }) {
  const { user } = useAuth();
  if (user === undefined) return <FullPageSpin />;
  if (user) return <Navigate to={user.mustChangePassword ? '/password' : '/'} replace />;
  return <>{children}</>;
}

function AppRoutes() {
  return (
    <Routes>
      {/* outside the shell: public pages (no login) and pages only for the signed-out */}
      {outsideRoutes.map((r) => (
        <Route
          key={r.path}
          path={r.path}
          element={
            r.layout === 'guest' ? (
              <PublicOnly>
                <Loaded fullPage>
                  <r.page />
                </Loaded>
              </PublicOnly>
            ) : (
              <Loaded fullPage>
                <r.page />
              </Loaded>
            )
          }
        />
      ))}
      <Route
        element={
          <RequireAuth>
            <Loaded fullPage>
              <AppLayout />
            </Loaded>
          </RequireAuth>
        }
      >
        {appRoutes.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={
              <RequirePermission permission={r.permission}>
                {/* keyed: a new boundary per page, so a navigation (a transition) shows the
                    loading state instead of keeping the previous page until the code arrives */}
                <Loaded key={r.path}>
                  <r.page />
                </Loaded>
              </RequirePermission>
            }
          />
        ))}
        <Route
          path="*"
          element={
            <Loaded>
              <NotFoundPage />
            </Loaded>
          }
        />
      </Route>
    </Routes>
  );
}

/**
 * A data router (needed for useBlocker, which holds the browser's Back button on pages with
 * unsaved input); its one splat route renders the app's routes as before.
 */
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }]);

export function App() {
  const { t, i18n } = useTranslation();
  const reducedMotion = usePrefersReducedMotion();
  // Users who ask their system for less motion get dialogs and menus without animation.
  const theme = useMemo(() => appTheme(!reducedMotion), [reducedMotion]);
  // a layout effect: the public pages that name themselves (usePageTitle) do it after, in an effect
  useLayoutEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      theme={theme}
    >
      {/* antd's App (message, modal, notification) is provided by the shell (AppLayout): the
          public and sign-in pages use none of them and do not load them */}
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </ConfigProvider>
  );
}
