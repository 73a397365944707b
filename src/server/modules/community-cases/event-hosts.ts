import { hasPermission } from '../../../domain/permissions';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { CommunityView } from '../community/access';
import { managesRegion } from './event-access';

export interface EventHostOptions {
  /** the caller may publish an event of its own bureau */
  ownUnit: boolean;
  ownUnitName: string | null;
  /** the active 联盟/之家 the caller runs and may publish events for */
  organisations: { id: number; name: string }[];
}

/** In whose name the caller may publish an event: the abilities the web's 发布活动 form is built from. */
export async function eventHosts(db: Database, caller: SessionAccount): Promise<EventHostOptions> {
  if (!hasPermission(caller.role, 'community:manage')) return { ownUnit: false, ownUnitName: null, organisations: [] };
  const view = await CommunityView.load(db, caller);
  const organisations = [...view.orgs.values()].filter((o) => o.manage && o.status === 'active').map((o) => ({ id: o.id, name: o.name }));
  const ownUnit = managesRegion(caller);
  return { ownUnit, ownUnitName: ownUnit ? `${caller.orgUnitName}市场监管局` : null, organisations };
}

/** The publishing options as a service for the routes. */
export class EventHosts {
  constructor(private readonly db: Database) {}

  of(caller: SessionAccount): Promise<EventHostOptions> {
    return eventHosts(this.db, caller);
  }
}
