import { useQuery } from '@tanstack/react-query';
import type { OrgUnitKind } from '../../domain/org-unit';
import { api } from '../api/client';
import type { OrgUnitNode } from '../api/types';
import type { PublicOrgUnit } from '../api/enterprise-types';
import { queryKeys } from '../api/query-keys';

export const PUBLIC_ORG_UNITS_KEY = queryKeys.orgUnits.public;

/** Every unit of the province (`GET /api/public/org-units`, no session needed): for registration and unit names. */
export function usePublicOrgUnits() {
  return useQuery({
    queryKey: PUBLIC_ORG_UNITS_KEY,
    queryFn: () => api.get<PublicOrgUnit[]>('/api/public/org-units'),
    staleTime: 10 * 60_000,
  });
}

export interface UnitTreeNode {
  value: number;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  children: UnitTreeNode[];
}

/** TreeSelect data from the flat list; units of other kinds than `allowedKinds` are shown but cannot be chosen. */
export function publicUnitTree(units: readonly PublicOrgUnit[], allowedKinds: readonly OrgUnitKind[]): UnitTreeNode[] {
  const nodes = new Map<number, UnitTreeNode>();
  for (const u of units) {
    nodes.set(u.id, { value: u.id, title: u.name, ...(allowedKinds.includes(u.kind) ? {} : { disabled: true }), children: [] });
  }
  const roots: UnitTreeNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id);
    if (!node) continue;
    const parent = u.parentId !== null ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Units by code for the signed-in tree, with values that are codes (the enterprise API takes `orgUnitCode`). */
export interface UnitCodeTreeNode {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitCodeTreeNode[];
}

export function codeTree(nodes: readonly OrgUnitNode[], allowedKinds: readonly OrgUnitKind[]): UnitCodeTreeNode[] {
  return nodes.map((n) => ({
    value: n.code,
    title: n.name,
    ...(allowedKinds.includes(n.kind) ? {} : { disabled: true }),
    children: codeTree(n.children, allowedKinds),
  }));
}
