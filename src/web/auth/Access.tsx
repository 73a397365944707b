import type { ReactNode } from 'react';
import type { Permission } from '../../domain/permissions';
import { useSession } from './session';

/** Renders its children only when the signed-in account holds `permission` (the server still checks every call). */
export function Access({ permission, children, fallback = null }: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  const { hasPermission } = useSession();
  return <>{hasPermission(permission) ? children : fallback}</>;
}
