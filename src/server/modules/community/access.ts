import { isCommunityBureau } from '../../../domain/abilities';
import { sql, type Kysely } from 'kysely';
import { isWithinScope } from '../../../domain/org-unit';
import { hasPermission } from '../../../domain/permissions';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { forbidden, notFound } from '../../errors';
import { clock } from '../../clock';

export type MemberRole = 'president' | 'vice_president' | 'secretariat' | 'member';

export interface OrganisationRole {
  /** an active member */
  member: boolean;
  /** an active member with is_admin (an alliance_admin account bound to the organisation) */
  admin: boolean;
  role: MemberRole | null;
  bannedUntil: Date | null;
}

/**
 * How an account stands in an organisation: member, admin (the alliance_admin accounts bound to it by a bureau),
 * member role and ban. Exposed for other community modules (case library, events).
 */
export async function organisationRole(db: Kysely<DB>, organisationId: number, accountId: number): Promise<OrganisationRole> {
  const row = await db
    .selectFrom('community_members')
    .select(['is_admin', 'role', 'banned_until'])
    .where('organisation_id', '=', organisationId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!row) return { member: false, admin: false, role: null, bannedUntil: null };
  return {
    member: true,
    admin: row.is_admin,
    role: row.role,
    bannedUntil: row.banned_until && row.banned_until.getTime() > clock.nowMs() ? row.banned_until : null,
  };
}

export const isParticipant = (caller: SessionAccount): boolean => hasPermission(caller.role, 'community:participate');
/** A bureau that manages the community in its region (not an alliance admin, whose reach is its organisations). */
export const isBureauManager = (caller: SessionAccount): boolean => isCommunityBureau(caller.role);

export function requireCommunity(caller: SessionAccount): void {
  if (!isParticipant(caller) && !hasPermission(caller.role, 'community:manage')) throw forbidden();
}

export interface OrgView {
  id: number;
  name: string;
  kind: 'alliance' | 'club';
  level: 'province' | 'city' | 'industry';
  status: 'active' | 'closed';
  unitPath: string;
  /** the caller manages it (its admin, or the bureau over its unit) */
  manage: boolean;
  member: boolean;
  bannedUntil: Date | null;
}

export interface BoardView {
  id: number;
  organisationId: number | null;
  organisationName: string | null;
  name: string;
  description: string | null;
  readAccess: 'all' | 'members';
  postAccess: 'all' | 'members' | 'admins';
  moderation: 'post' | 'pre';
  status: 'active' | 'closed';
  sort: number;
  canRead: boolean;
  canPost: boolean;
  canModerate: boolean;
}

/**
 * Everything the caller may do in the community, computed once per request: organisations (few) with the
 * caller's standing, and every board with read / post / moderate rights.
 */
export class CommunityView {
  private constructor(
    readonly caller: SessionAccount,
    readonly orgs: Map<number, OrgView>,
    readonly boards: Map<number, BoardView>,
  ) {}

  static async load(db: Kysely<DB>, caller: SessionAccount): Promise<CommunityView> {
    const [orgRows, memberRows, boardRows] = await Promise.all([
      db
        .selectFrom('community_organisations as o')
        .innerJoin('org_units as u', 'u.id', 'o.org_unit_id')
        .select(['o.id', 'o.name', 'o.kind', 'o.level', 'o.status', 'u.path'])
        .execute(),
      db
        .selectFrom('community_members')
        .select(['organisation_id', 'is_admin', 'banned_until'])
        .where('account_id', '=', caller.accountId)
        .where('status', '=', 'active')
        .execute(),
      db.selectFrom('community_boards').selectAll().orderBy('sort').orderBy('id').execute(),
    ]);
    const members = new Map(memberRows.map((m) => [m.organisation_id, m]));
    const bureau = isBureauManager(caller);
    const orgs = new Map<number, OrgView>();
    for (const o of orgRows) {
      const m = members.get(o.id);
      orgs.set(o.id, {
        id: o.id,
        name: o.name,
        kind: o.kind,
        level: o.level,
        status: o.status,
        unitPath: o.path,
        manage: (m?.is_admin ?? false) || (bureau && isWithinScope(o.path, caller.orgUnitPath)),
        member: m !== undefined,
        bannedUntil: m?.banned_until && m.banned_until.getTime() > clock.nowMs() ? m.banned_until : null,
      });
    }
    const participant = isParticipant(caller);
    // public boards are run by the province bureau
    const provinceManager = bureau && caller.orgUnitKind === 'province';
    const boards = new Map<number, BoardView>();
    for (const b of boardRows) {
      const org = b.organisation_id === null ? null : orgs.get(b.organisation_id);
      const canModerate = org ? org.manage : provinceManager;
      let canRead: boolean;
      let canPost: boolean;
      if (!org) {
        canRead = participant || hasPermission(caller.role, 'community:manage');
        canPost = canModerate || (participant && b.post_access === 'all');
      } else {
        const active = org.status === 'active';
        canRead = canModerate || org.member || (active && participant && b.read_access === 'all');
        const allowed = b.post_access === 'all' ? participant : b.post_access === 'members' ? org.member : false;
        canPost = canModerate || (active && canRead && allowed && org.bannedUntil === null);
      }
      if (b.status !== 'active' && !canModerate) canRead = false;
      if (b.status !== 'active') canPost = false;
      boards.set(b.id, {
        id: b.id,
        organisationId: b.organisation_id,
        organisationName: org?.name ?? null,
        name: b.name,
        description: b.description,
        readAccess: b.read_access,
        postAccess: b.post_access,
        moderation: b.moderation,
        status: b.status,
        sort: b.sort,
        canRead,
        canPost,
        canModerate,
      });
    }
    return new CommunityView(caller, orgs, boards);
  }

  /** A board the caller can read, or 404. */
  board(id: number): BoardView {
    const b = this.boards.get(id);
    if (!b?.canRead) throw notFound('版块');
    return b;
  }

  readableBoardIds(): number[] {
    return [...this.boards.values()].filter((b) => b.canRead).map((b) => b.id);
  }

  moderatedBoardIds(): number[] {
    return [...this.boards.values()].filter((b) => b.canModerate).map((b) => b.id);
  }

  /** An organisation the caller may see: officers see every active one (to join), managers theirs. */
  org(id: number): OrgView {
    const o = this.orgs.get(id);
    if (!o || !this.canSeeOrg(o)) throw notFound('组织');
    return o;
  }

  canSeeOrg(o: OrgView): boolean {
    return o.manage || o.member || (isParticipant(this.caller) && this.caller.role === 'officer' && o.status === 'active');
  }

  /** An organisation the caller manages: 404 if it cannot see it, 403 if it sees it without managing it. */
  managedOrg(id: number): OrgView {
    const o = this.org(id);
    if (!o.manage) throw forbidden('仅组织管理员或主管局可执行此操作');
    return o;
  }
}

/** Real names for display: an officer's name (from the person record) and the enterprise of their active filing. */
export async function realNames(
  db: Kysely<DB>,
  accountIds: readonly number[],
): Promise<Map<number, { name: string; org: string | null; industry: string | null }>> {
  const result = new Map<number, { name: string; org: string | null; industry: string | null }>();
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return result;
  const rows = await sql<{
    id: number;
    display_name: string;
    role: string;
    unit_name: string;
    person_name: string | null;
    enterprise_name: string | null;
    industry_section: string | null;
  }>`
    select a.id, a.display_name, a.role, u.name as unit_name, p.name as person_name, e.name as enterprise_name, e.industry_section
    from accounts a
    join org_units u on u.id = a.org_unit_id
    left join persons p on p.account_id = a.id
    left join lateral (select enterprise_id from filings f where f.person_id = p.id and f.status = 'active' order by f.id desc limit 1) f on true
    left join enterprises e on e.id = f.enterprise_id
    where a.id = any(${ids})`.execute(db);
  for (const r of rows.rows) {
    if (r.role === 'officer') result.set(r.id, { name: r.person_name ?? r.display_name, org: r.enterprise_name, industry: r.industry_section });
    else if (r.role === 'alliance_admin') result.set(r.id, { name: r.display_name, org: '联盟管理员', industry: null });
    else result.set(r.id, { name: r.display_name, org: r.unit_name, industry: null });
  }
  return result;
}
