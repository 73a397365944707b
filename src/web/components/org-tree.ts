import { useQuery } from '@tanstack/react-query';
import type { OrgUnitKind } from '../../domain/org-unit';
import { api } from '../api/client';
import type { OrgUnitNode } from '../api/types';
import { useSession } from '../auth/session';
import { queryKeys } from '../api/query-keys';

export const ORG_TREE_KEY = queryKeys.orgUnits.tree;

/** The caller's own unit and everything below it (`GET /api/org-units/tree`). */
export function useOrgTree() {
  const { hasPermission } = useSession();
  return useQuery({
    queryKey: ORG_TREE_KEY,
    queryFn: () => api.get<OrgUnitNode[]>('/api/org-units/tree'),
    enabled: hasPermission('org_units:read'),
    staleTime: 5 * 60_000,
  });
}

export interface OrgTreeSelectNode {
  value: number;
  title: string;
  disabled?: boolean;
  children: OrgTreeSelectNode[];
}

/** TreeSelect data; with `allowedKinds`, units of other kinds stay visible for orientation but cannot be chosen. */
export function toTreeSelectData(nodes: readonly OrgUnitNode[], allowedKinds?: readonly OrgUnitKind[]): OrgTreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    ...(allowedKinds && !allowedKinds.includes(n.kind) ? { disabled: true } : {}),
    children: toTreeSelectData(n.children, allowedKinds),
  }));
}

export function flattenOrgTree(nodes: readonly OrgUnitNode[], out: OrgUnitNode[] = []): OrgUnitNode[] {
  for (const n of nodes) {
    out.push(n);
    flattenOrgTree(n.children, out);
  }
  return out;
}
