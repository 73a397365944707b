import { parseIdNumber } from '../../../domain/id-number';
import { maskName } from '../../../domain/certificates';
import type { Education, PositionLevel } from '../../../domain/eligibility';
import { passwordProblems } from '../../../domain/password-policy';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import { hashPassword, randomToken, sha256Hex, type CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { requirePersonOfAccount, updatePersonOfAccount } from '../../persons/repository';
import { requestLink } from '../identity/links';
import type { SettingsService } from '../settings/service';
import { personColumns } from './persons';

const INVITATION_DAYS = 7;

export interface OfficerRegistration {
  name: string;
  idNumber: string;
  phone: string;
  username: string;
  password: string;
  inviteToken?: string | undefined;
}

export interface OfficerProfile {
  phone?: string | null | undefined;
  education: Education;
  qualityYears: number;
  positionTitle: string;
  positionLevel: PositionLevel;
}

/**
 * Officer accounts: one person, one account, across enterprises. Anyone registers with name, ID number and phone
 * and gets an account whose identity is pending: a link to the person is made only by the bureau's confirmation or
 * a verified real-name identity (modules/identity/links.ts). An invitation only tells the bureau which enterprise
 * vouches for the registrant.
 */
export class OfficerAccounts {
  constructor(
    private readonly db: Database,
    private readonly crypto: CryptoService,
    private readonly settings: SettingsService,
    private readonly publicUrl: string,
  ) {}

  /** Self-registration: a new officer account with a pending identity (never a link, whatever the ID number or invitation). */
  async register(input: OfficerRegistration, ip: string): Promise<{ identityStatus: 'pending' }> {
    const problems = passwordProblems(input.password, input.username, await this.settings.securityPolicy());
    if (problems.length)
      throw new AppError(
        400,
        'VALIDATION',
        `密码不符合要求：${problems.join('；')}`,
        problems.map((message) => ({ path: 'password', message })),
      );
    const parsed = parseIdNumber(input.idNumber, clock.now());
    if (!parsed.ok) throw invalid('idNumber', parsed.message);
    const hash = await hashPassword(input.password);
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('accounts')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
        .executeTakeFirst();
      if (taken) throw conflict('用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
      const province = await trx.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
      const account = await trx
        .insertInto('accounts')
        .values({
          username: input.username,
          display_name: input.name,
          role: 'officer',
          org_unit_id: province.id,
          phone: input.phone,
          password_hash: hash,
          must_change_password: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // never a link here, whatever the ID number or the invitation: a pending request that a bureau (or a
      // verified real-name identity) decides; the answer is the same whether the number is on file or not
      await requestLink(trx, this.crypto, {
        accountId: account.id,
        name: input.name,
        idNumber: parsed.value.idNumber,
        phone: input.phone,
        inviteToken: input.inviteToken,
      });
      await recordAudit(
        trx,
        { accountId: account.id, username: input.username, role: 'officer', ip },
        { action: 'officer.register', targetType: 'account', targetId: account.id, details: { identity: 'pending' } },
      );
    });
    return { identityStatus: 'pending' };
  }

  /** A one-time registration link (7 days) for one of the enterprise's candidates. */
  async invite(caller: SessionAccount, actor: Actor, candidateId: number): Promise<{ url: string; expiresAt: Date }> {
    if (!caller.enterpriseId) throw notFound('拟任人员');
    const enterpriseId = caller.enterpriseId;
    const person = await this.db
      .selectFrom('candidates as c')
      .select(['c.person_id as id'])
      .where('c.enterprise_id', '=', enterpriseId)
      .where('c.id', '=', candidateId)
      .executeTakeFirst();
    // issued whether or not the person already keeps an account (the enterprise is not told); it links nothing by
    // itself: the registration it leads to waits for the bureau's confirmation
    if (!person) throw notFound('拟任人员');
    const token = randomToken(24);
    const expiresAt = new Date(clock.nowMs() + INVITATION_DAYS * 86_400_000);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('officer_invitations')
        .values({ token_hash: sha256Hex(token), person_id: person.id, enterprise_id: enterpriseId, expires_at: expiresAt, created_by: caller.accountId })
        .execute();
      await recordAudit(trx, actor, { action: 'officer.invite', targetType: 'person', targetId: person.id });
    });
    return { url: `${this.publicUrl}/register/officer?invite=${token}`, expiresAt };
  }

  /** What the registration page shows of an invitation: the inviting enterprise and the masked name (410 when spent). */
  async invitation(token: string): Promise<{ enterpriseName: string; personName: string; expiresAt: Date }> {
    const row = await this.db
      .selectFrom('officer_invitations as i')
      .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
      .innerJoin('candidates as c', (j) => j.onRef('c.enterprise_id', '=', 'i.enterprise_id').onRef('c.person_id', '=', 'i.person_id'))
      .select(['e.name as enterpriseName', 'c.name as personName', 'i.expires_at as expiresAt', 'i.used_at'])
      .where('i.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row || row.used_at || row.expiresAt.getTime() < clock.nowMs()) throw new AppError(410, 'STATE', '邀请链接无效或已过期，请联系邀请企业重新发送');
    return { enterpriseName: row.enterpriseName, personName: maskName(row.personName), expiresAt: row.expiresAt };
  }

  /** The officer's own record: the person (with the full ID number), their filings and certificates. */
  async profile(caller: SessionAccount) {
    const own = await requirePersonOfAccount(this.db, caller.accountId, () => notFound('本人档案'));
    const person = await this.db
      .selectFrom('persons as p')
      .select([...personColumns, 'p.id_number_enc'])
      .where('p.id', '=', own.id)
      .executeTakeFirstOrThrow();
    const { id_number_enc, ...rest } = person;
    const filings = await this.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .select([
        'f.id',
        'e.name as enterpriseName',
        'o.name as orgUnitName',
        'f.status',
        'f.appointment_date as appointmentDate',
        'f.end_kind as endKind',
        'f.ended_at as endedAt',
      ])
      .where('f.person_id', '=', person.id)
      .where('f.status', 'in', ['active', 'ended'])
      .orderBy('f.id', 'desc')
      .execute();
    const certificates = await this.db
      .selectFrom('certificates')
      .select(['serial', 'kind', 'status', 'status_reason as statusReason', 'issued_at as issuedAt'])
      .where('person_id', '=', person.id)
      .orderBy('id', 'desc')
      .execute();
    return { person: { ...rest, idNumber: this.crypto.decrypt(id_number_enc) }, filings, certificates };
  }

  /** The officer keeps their own education, years in quality work and position. */
  async updateProfile(caller: SessionAccount, actor: Actor, b: OfficerProfile): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const personId = await updatePersonOfAccount(trx, caller.accountId, {
        phone: b.phone,
        education: b.education,
        quality_years: b.qualityYears,
        position_title: b.positionTitle,
        position_level: b.positionLevel,
        updated_at: clock.now(),
      });
      if (personId === null) throw notFound('本人档案');
      await recordAudit(trx, actor, { action: 'person.update', targetType: 'person', targetId: personId });
    });
  }
}
