import { Button } from 'antd';
import { lazy, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../domain/permissions';
import { errorMessage } from '../api/client';
import { FullPageSpin } from '../components/FullPageSpin';
import { pendingStepPath, useSession, wasSessionLost, type LoginRedirectState } from './session';

/** Loaded on demand: antd Result's illustrations are not needed on the first screen. */
const ForbiddenPage = lazy(() => import('../components/ResultPages').then((m) => ({ default: m.ForbiddenPage })));

/** Routes behind it need a session; without one the user is sent to /login and brought back afterwards. */
export function RequireSession() {
  const { me, loading, error, refresh } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (me === undefined) {
    return (
      <div className="full-page-spin" role="alert">
        <p className="load-error-title">无法连接服务器</p>
        <p className="load-error-text">{errorMessage(error)}</p>
        <Button type="primary" onClick={() => void refresh()}>
          重试
        </Button>
      </div>
    );
  }
  if (!me) {
    const state: LoginRedirectState = { from: `${location.pathname}${location.search}`, ...(wasSessionLost() ? { expired: true } : {}) };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

/** Routes behind it need the first-login steps (new password, TOTP) done. */
export function RequireSetupDone() {
  const { me } = useSession();
  const next = me ? pendingStepPath(me) : null;
  if (next) return <Navigate to={next} replace />;
  return <Outlet />;
}

/** Shows the 403 page instead of `children` when the role lacks `permission`. */
export function RequirePermission({ permission, children }: { permission: Permission | null; children: ReactNode }) {
  const { hasPermission } = useSession();
  if (!hasPermission(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
