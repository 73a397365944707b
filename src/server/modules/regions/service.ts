import { ROLE_SCOPE } from '../../../domain/permissions';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { OrgUnitRow } from '../../db/types';
import { AppError, conflict, notFound } from '../../errors';
import { findOrgUnitInScope, listOrgUnitsInScope } from './repository';
import { clock } from '../../clock';

export interface OrgUnitNode {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitRow['kind'];
  path: string;
  source: OrgUnitRow['source'];
  children: OrgUnitNode[];
}

export class RegionService {
  constructor(private readonly db: Database) {}

  /** The caller's subtree as a tree (the caller's own unit is the root). */
  async tree(caller: SessionAccount): Promise<OrgUnitNode[]> {
    if (ROLE_SCOPE[caller.role] !== 'region' && caller.role !== 'system_admin') return [];
    const rows = await listOrgUnitsInScope(this.db, caller);
    const nodes = new Map<number, OrgUnitNode>();
    const roots: OrgUnitNode[] = [];
    for (const r of rows) {
      const node: OrgUnitNode = { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, source: r.source, children: [] };
      nodes.set(r.id, node);
      const parent = r.parent_id === null ? undefined : nodes.get(r.parent_id);
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  /** Adds a 开发区/园区 under a city or county in the caller's scope. */
  async createZone(caller: SessionAccount, actor: Actor, input: { parentId: number; name: string }): Promise<OrgUnitRow> {
    const parent = await findOrgUnitInScope(this.db, caller, input.parentId);
    if (!parent) throw notFound('上级单位');
    if (parent.kind !== 'city' && parent.kind !== 'county') {
      throw new AppError(422, 'RULE', '开发区/园区只能设在设区市或县（市、区）之下', [{ path: 'parentId', message: '上级单位应为设区市或县（市、区）' }]);
    }
    return this.db.transaction().execute(async (trx) => {
      const sibling = await trx.selectFrom('org_units').select('id').where('parent_id', '=', parent.id).where('name', '=', input.name).executeTakeFirst();
      if (sibling) throw conflict(`${parent.name}下已有名为“${input.name}”的单位`, [{ path: 'name', message: '同级单位名称重复' }]);
      const seq = await trx
        .selectFrom('org_units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source', '=', 'admin')
        .executeTakeFirstOrThrow();
      // zones get codes outside GB/T 2260: the parent code, "Z" and a sequence number
      let n = Number(seq.n) + 1;
      let code = `${parent.code}Z${String(n).padStart(3, '0')}`;
      while (await trx.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirst()) {
        n += 1;
        code = `${parent.code}Z${String(n).padStart(3, '0')}`;
      }
      const row = await trx
        .insertInto('org_units')
        .values({
          code,
          name: input.name,
          kind: 'zone',
          parent_id: parent.id,
          path: `${parent.path}.${code}`,
          depth: parent.depth + 1,
          source: 'admin',
          sort: 1000 + n,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'org_unit.create',
        targetType: 'org_unit',
        targetId: row.id,
        details: { code, name: row.name, parent: parent.code },
      });
      return row;
    });
  }

  /** Renames a zone; GB/T 2260 units keep their official names. */
  async renameZone(caller: SessionAccount, actor: Actor, id: number, name: string): Promise<OrgUnitRow> {
    const unit = await findOrgUnitInScope(this.db, caller, id);
    if (!unit) throw notFound('单位');
    if (unit.source !== 'admin') throw new AppError(422, 'RULE', '行政区划单位名称以 GB/T 2260 为准，不可修改');
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('org_units').set({ name, updated_at: clock.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'org_unit.update', targetType: 'org_unit', targetId: id, details: { from: unit.name, to: name } });
      return row;
    });
  }
}
