import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, RouterProvider, Routes, createBrowserRouter } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { FullPageSpin, RequireAuth, RequirePermission } from './auth/guards';
import { AppLayout } from './layout/AppLayout';
import { usePrefersReducedMotion } from './hooks/usePrefersReducedMotion';
import { appRoutes } from './routes';
import { NotFoundPage } from './pages/ErrorPages';
import { LoginPage } from '../modules/auth/LoginPage';
import { ChangePasswordPage } from '../modules/auth/ChangePasswordPage';
import { PublicEnterprisePage } from '../modules/public/PublicEnterprisePage';
import { PublicResultsPage } from '../modules/inspections/tasks/PublicResultsPage';
import { PublicDrawListPage } from '../modules/inspections/public/PublicDrawListPage';
import { PublicDrawPage } from '../modules/inspections/public/PublicDrawPage';
import { DrawMethodPage } from '../modules/inspections/public/DrawMethodPage';

function PublicOnly({ children }: { children: React.ReactNode }) {
  const { user } = useAuth();
  if (user === undefined) return <FullPageSpin />;
  if (user) return <Navigate to={user.mustChangePassword ? '/password' : '/'} replace />;
  return <>{children}</>;
}

function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <PublicOnly>
            <LoginPage />
          </PublicOnly>
        }
      />
      {/* public pages: no login, outside the shell */}
      <Route path="/public/enterprise" element={<PublicEnterprisePage />} />
      <Route path="/public/inspection-results" element={<PublicResultsPage />} />
      <Route path="/public/draws" element={<PublicDrawListPage />} />
      <Route path="/public/draws/:id" element={<PublicDrawPage />} />
      <Route path="/public/draw-method" element={<DrawMethodPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        {appRoutes.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={<RequirePermission permission={r.permission}>{r.element}</RequirePermission>}
          />
        ))}
        <Route path="/password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
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
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      // Users who ask their system for less motion get dialogs and menus without animation.
      theme={{ token: { colorPrimary: '#0b5cad', borderRadius: 4, motion: !reducedMotion } }}
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
