import type { Transaction } from 'kysely';
import { trainingLedgerRef } from '../../../domain/training';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { conflict, notFound, stateError } from '../../errors';
import type { CertificateService } from '../certificates/service';
import { Notifier } from '../notifications/notifier';
import type { SettingsService } from '../settings/service';
import { revokeStudyLines } from '../study-ledger/ledger';
import { classFor } from './access';
import { ENROLMENT_SUBJECT, issueTrainingCertificate } from './certificate-issue';
import { trainingCertificatePdf } from './certificate-pdf';
import { enrolmentView, type ClassRow } from './records';
import { assertClassOver, lastSessionEnd, notYetOver } from './timing';
import { findPersonOfAccount } from '../../persons/repository';

/** 培训合格证: issue (one, or a class in chunks from the job), revoke, reissue, and who may download one. */
export class TrainingCertificates {
  private readonly notifier = new Notifier();

  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly signer: CertificateService,
    private readonly publicUrl: string,
  ) {}

  /** Issues the 培训合格证 of one enrolment if it is complete; credits the study account. Returns null when already issued. */
  async issueCertificate(
    trx: Transaction<DB>,
    actor: Actor,
    c: ClassRow,
    enrolmentId: number,
    opts: { strict: boolean; minutesPerHour: number },
  ): Promise<{ id: number; serial: string } | null> {
    if (opts.strict) await assertClassOver(trx, c.id, 'certificates');
    const view = await enrolmentView(trx, c, enrolmentId);
    if (view.status !== 'enrolled') {
      if (opts.strict) throw stateError('只有正式报名学员可以获得合格证');
      return null;
    }
    if (view.certificate?.status === 'valid') {
      if (opts.strict) throw conflict(`已发放合格证（${view.certificate.serial}）`);
      return null;
    }
    if (!view.completion.complete) {
      if (opts.strict) throw stateError(`未达到结业条件：${view.completion.missing.join('；')}`);
      return null;
    }
    return this.issueFor(trx, actor, c, enrolmentId, view.completion.finalScore, opts.minutesPerHour);
  }

  /** `minutesPerHour` is read before the transaction (settings use the pool; PGlite has one connection). */
  private async issueFor(trx: Transaction<DB>, actor: Actor, c: ClassRow, enrolmentId: number, score: number | null, minutesPerHour: number) {
    const { cert, holderAccountId } = await issueTrainingCertificate(trx, this.signer, c, enrolmentId, score, minutesPerHour, clock.now());
    const e = { account_id: holderAccountId };
    if (e.account_id !== null) {
      await this.notifier.notify(trx, [e.account_id], {
        kind: 'training.certificate.issued',
        title: `培训合格证已发放：${c.name}`,
        body: `证书编号 ${cert.serial}，可在“我的培训”中下载。`,
        link: '/me/training',
      });
    }
    await recordAudit(trx, actor, {
      action: 'training.certificate.issue',
      targetType: 'certificate',
      targetId: cert.id,
      details: { serial: cert.serial, enrolmentId, classId: c.id },
    });
    return cert;
  }

  async issueOne(caller: SessionAccount, actor: Actor, enrolmentId: number) {
    const { minutesPerHour } = await this.settings.studySettings();
    return this.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom('training_enrolments').select(['class_id']).where('id', '=', enrolmentId).forUpdate().executeTakeFirst();
      if (!e) throw notFound('报名记录');
      const c = await classFor(trx, caller, e.class_id, 'deliver');
      const issued = await this.issueCertificate(trx, actor, c, enrolmentId, { strict: true, minutesPerHour });
      if (!issued) throw stateError('未能发放合格证');
      return issued;
    });
  }

  /** Issues every certificate a class has earned and not yet received, in chunks (called from the bulk-issue job). */
  async issueChunk(trx: Transaction<DB>, actor: Actor, classId: number, afterEnrolmentId: number, limit: number, minutesPerHour: number) {
    const c = await trx.selectFrom('training_classes').selectAll().where('id', '=', classId).executeTakeFirstOrThrow();
    // before the last session has ended nothing is earned (the route refuses the job; this holds for a queued one)
    if (notYetOver(await lastSessionEnd(trx, classId))) return { issued: 0, lastId: null, done: true };
    const ids = await trx
      .selectFrom('training_enrolments')
      .select('id')
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .where('id', '>', afterEnrolmentId)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .execute();
    let issued = 0;
    for (const { id } of ids) if (await this.issueCertificate(trx, actor, c, id, { strict: false, minutesPerHour })) issued += 1;
    return { issued, lastId: ids.at(-1)?.id ?? null, done: ids.length < limit };
  }

  private async forDelivery(trx: Transaction<DB>, caller: SessionAccount, certificateId: number) {
    const cert = await trx
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', certificateId)
      .where('subject_type', '=', ENROLMENT_SUBJECT)
      .forUpdate()
      .executeTakeFirst();
    if (!cert) throw notFound('合格证');
    const e = await trx.selectFrom('training_enrolments').select(['id', 'class_id', 'person_id']).where('id', '=', cert.subject_id).executeTakeFirstOrThrow();
    const c = await classFor(trx, caller, e.class_id, 'deliver').catch((err: unknown) => {
      throw err instanceof Error && 'status' in err && (err as { status: number }).status === 404 ? notFound('合格证') : err;
    });
    return { cert, e, c };
  }

  async revoke(caller: SessionAccount, actor: Actor, certificateId: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const { cert, e, c } = await this.forDelivery(trx, caller, certificateId);
      if (cert.status !== 'valid') throw stateError('该合格证已撤销或失效');
      await trx
        .updateTable('certificates')
        .set({ status: 'revoked', status_reason: reason, status_changed_at: clock.now() })
        .where('id', '=', cert.id)
        .execute();
      await revokeStudyLines(
        trx,
        { source: 'training', sourceRef: trainingLedgerRef(c.id), personId: e.person_id },
        `培训合格证 ${cert.serial} 已撤销：${reason}`,
      );
      const account = await trx.selectFrom('persons').select('account_id').where('id', '=', e.person_id).executeTakeFirstOrThrow();
      if (account.account_id !== null) {
        await this.notifier.notify(trx, [account.account_id], {
          kind: 'training.certificate.revoked',
          title: `培训合格证已撤销：${c.name}`,
          body: `证书编号 ${cert.serial}，撤销原因：${reason}`,
          link: '/me/training',
        });
      }
      await recordAudit(trx, actor, {
        action: 'training.certificate.revoke',
        targetType: 'certificate',
        targetId: cert.id,
        details: { serial: cert.serial, reason },
      });
    });
  }

  /** Reissue (补发/换发): the current certificate is revoked with the reason and a new serial is issued with the same facts. */
  async reissue(caller: SessionAccount, actor: Actor, certificateId: number, reason: string) {
    const { minutesPerHour } = await this.settings.studySettings();
    return this.db.transaction().execute(async (trx) => {
      const { cert, e, c } = await this.forDelivery(trx, caller, certificateId);
      await assertClassOver(trx, c.id, 'certificates');
      const latest = await trx
        .selectFrom('certificates')
        .select('id')
        .where('subject_type', '=', ENROLMENT_SUBJECT)
        .where('subject_id', '=', e.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      if (latest.id !== cert.id) throw stateError('只能换发该学员最新的一份合格证');
      if (cert.status === 'valid') {
        await trx
          .updateTable('certificates')
          .set({ status: 'revoked', status_reason: `已换发：${reason}`, status_changed_at: clock.now() })
          .where('id', '=', cert.id)
          .execute();
      }
      const view = await enrolmentView(trx, c, e.id);
      if (!view.completion.complete) throw stateError(`未达到结业条件，不能换发：${view.completion.missing.join('；')}`);
      const issued = await this.issueFor(trx, actor, c, e.id, view.completion.finalScore, minutesPerHour);
      await recordAudit(trx, actor, {
        action: 'training.certificate.reissue',
        targetType: 'certificate',
        targetId: issued.id,
        details: { previous: cert.serial, serial: issued.serial, reason },
      });
      return issued;
    });
  }

  /** A certificate row the caller may download: its holder, or whoever can read the class's roster. */
  async forDownload(caller: SessionAccount, certificateId: number) {
    const cert = await this.db
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', certificateId)
      .where('subject_type', '=', ENROLMENT_SUBJECT)
      .executeTakeFirst();
    if (!cert) throw notFound('合格证');
    if (caller.role === 'officer') {
      const personId = (await findPersonOfAccount(this.db, caller.accountId))?.id ?? null;
      if (personId === null || personId !== cert.person_id) throw notFound('合格证');
      return cert;
    }
    if (caller.role === 'enterprise') throw notFound('合格证');
    const e = await this.db.selectFrom('training_enrolments').select('class_id').where('id', '=', cert.subject_id).executeTakeFirstOrThrow();
    // the class's organising bureaus and its trainer; a department reads classes, not the certificates of people
    await classFor(this.db, caller, e.class_id, 'deliver').catch(() => {
      throw notFound('合格证');
    });
    return cert;
  }

  /** The certificate as a PDF for whoever may download it (`forDownload`), with its file name. */
  async pdf(caller: SessionAccount, certificateId: number): Promise<{ fileName: string; pdf: Buffer }> {
    const cert = await this.forDownload(caller, certificateId);
    return { fileName: `培训合格证-${cert.serial}.pdf`, pdf: await trainingCertificatePdf(cert, this.publicUrl) };
  }
}
