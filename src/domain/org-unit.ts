/** Org-unit kinds and the scope rule shared by server and web. */
export type OrgUnitKind = 'province' | 'city' | 'county' | 'zone';

export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, string> = {
  province: '省局',
  city: '市局',
  county: '县（市、区）局',
  zone: '开发区/园区',
};

/** True when `path` is `scopePath` itself or lies under it (paths are dot-separated codes). */
export function isWithinScope(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}.`);
}
