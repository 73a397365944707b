import type { Transaction } from 'kysely';
import { enterpriseInputSchema } from '../../../domain/enterprise-input';
import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { stateError, validationError } from '../../errors';
import type { SettingsService } from '../settings/service';
import { ChangeRequestService, classificationChanges, fileChangeRequest } from './change-requests';
import { RegistrationService } from './registration';
import { EnterpriseService } from './service';

/** What an enterprise account sends to maintain its own record (PUT /api/enterprises/mine). */
export interface OwnEnterpriseUpdate {
  address?: string | null | undefined;
  legalRepresentative?: string | null | undefined;
  contactPerson?: string | null | undefined;
  contactPhone?: string | null | undefined;
  industryCode: string;
  scale: string;
  ownership: string;
  aboveScale: boolean;
  aboveScaleYear?: number | null | undefined;
  version: number;
  changeReason?: string | undefined;
}

/** The enterprise account's own record: what it sees of its enterprise and registration, and its own edits. */
export class OwnEnterpriseService {
  private readonly registrations: RegistrationService;
  private readonly changeRequests: ChangeRequestService;
  private readonly enterprises: EnterpriseService;

  constructor(db: Database, settings: SettingsService) {
    this.registrations = new RegistrationService(db, settings);
    this.changeRequests = new ChangeRequestService(db);
    this.enterprises = new EnterpriseService(db);
  }

  /** The caller's enterprise (once confirmed), its registration and its latest change request. */
  async mine(caller: SessionAccount) {
    const enterprise = caller.enterpriseId ? await this.enterprises.get(caller, caller.enterpriseId) : null;
    return {
      enterprise,
      registration: (await this.registrations.statusFor(caller)) ?? null,
      changeRequest: (await this.changeRequests.latestChangeRequest(caller)) ?? null,
    };
  }

  /**
   * Updates the enterprise's own fields. 规上 status, scale, ownership and industry decide eligibility and coverage:
   * the row keeps the confirmed values and a different classification becomes a change request the county confirms.
   */
  async update(caller: SessionAccount, actor: Actor, input: OwnEnterpriseUpdate) {
    const enterpriseId = caller.enterpriseId;
    if (!enterpriseId) throw stateError('企业注册尚未确认');
    const current = await this.enterprises.get(caller, enterpriseId);
    const { version, changeReason, ...sent } = input;
    // an update changes only what it carries: a contact field not sent keeps its value, null clears it
    const stored = {
      address: current.address,
      legalRepresentative: current.legal_representative,
      contactPerson: current.contact_person,
      contactPhone: current.contact_phone,
      aboveScaleYear: current.above_scale_year,
    };
    const body = { ...stored, ...Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) };
    const parsed = enterpriseInputSchema.safeParse({
      ...body,
      uscc: current.uscc,
      name: current.name,
      orgUnitCode: current.org_unit_code,
      status: current.status,
    });
    if (!parsed.success) throw validationError(enterpriseInputSchema, parsed.error.issues);
    const requested = classificationChanges(current, parsed.data);
    const kept = {
      ...parsed.data,
      industryCode: current.industry_division,
      scale: current.scale,
      ownership: current.ownership,
      aboveScale: current.above_scale,
      aboveScaleYear: current.above_scale_year,
    };
    const file =
      requested &&
      ((trx: Transaction<DB>) =>
        fileChangeRequest(trx, caller, actor, enterpriseId, requested, changeReason ?? '企业更新分类信息（规上、规模、经济类型或行业）').then(() => undefined));
    const enterprise = await this.enterprises.update(caller, actor, enterpriseId, kept, version, file);
    return { enterprise, changeRequested: requested !== undefined };
  }
}
