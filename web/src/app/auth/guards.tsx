import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './AuthContext';
import { Loaded, page } from '../modules/webModule';

const ForbiddenPage = page(() => import('../pages/ErrorPages'), 'ForbiddenPage');

export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Renders children for a signed-in user; otherwise sends to /login (remembering where from). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <FullPageSpin />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

/** Renders the 403 page in place when the user lacks the permission (no redirect). */
export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useAuth();
  if (permission && !can(permission))
    return (
      <Loaded>
        <ForbiddenPage />
      </Loaded>
    );
  return <>{children}</>;
}
