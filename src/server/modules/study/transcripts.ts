import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { notFound } from '../../errors';
import { bureauName } from '../certificates/pdf';
import { renderProofPdf } from '../certificates/proof-pdf';
import { signedDataOf, type CertificateService } from '../certificates/service';
import type { SettingsService } from '../settings/service';
import { studyAccount } from './account';
import { requireStudyPerson } from './service';
import { transcriptDocument, type TranscriptPayload } from './transcript-document';

/** 学时证明: the officer's signed transcript of a year's study account, listed and downloaded as a PDF. */
export class StudyTranscripts {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly certificates: CertificateService,
    private readonly publicUrl: string,
  ) {}

  /** Issues a transcript of the caller's account for the year, signed by the province; audited. */
  async issue(caller: SessionAccount, actor: Actor, year: number): Promise<{ id: number; serial: string }> {
    const person = await requireStudyPerson(this.db, caller);
    const settings = await this.settings.studySettings();
    const account = await studyAccount(this.db, person.id, year, settings);
    const full = await this.db.selectFrom('persons').select('id_number_masked').where('id', '=', person.id).executeTakeFirstOrThrow();
    const province = await this.db.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'province').executeTakeFirstOrThrow();
    const payload: TranscriptPayload = {
      personName: person.name,
      idNumberMasked: full.id_number_masked,
      year: account.year,
      totalMinutes: account.totalMinutes,
      hours: account.hours,
      onlineMinutes: account.onlineMinutes,
      onlineHours: account.onlineHours,
      targetHours: account.targetHours,
      minutesPerHour: account.minutesPerHour,
      bySource: account.bySource.filter((s) => s.minutes > 0).map((s) => ({ label: s.label, minutes: s.minutes, hours: s.hours, online: s.online })),
      lines: account.lines
        .filter((l) => l.status === 'credited')
        .map((l) => ({ occurredOn: l.occurredOn, sourceLabel: l.sourceLabel, title: l.title, minutes: l.minutes }))
        .reverse(),
      issuedOn: clock.today(),
      issuer: bureauName(province.name),
    };
    return this.db.transaction().execute(async (trx) => {
      const issued = await this.certificates.issue(trx, {
        kind: 'transcript',
        subjectType: 'study_year',
        subjectId: account.year,
        personId: person.id,
        orgUnitId: province.id,
        payload: { ...payload },
      });
      await recordAudit(trx, actor, {
        action: 'study.transcript.issue',
        targetType: 'certificate',
        targetId: issued.id,
        details: { serial: issued.serial, year: account.year, totalMinutes: account.totalMinutes },
      });
      return issued;
    });
  }

  /** The caller's transcripts, newest first. */
  async mine(caller: SessionAccount) {
    const person = await requireStudyPerson(this.db, caller);
    const rows = await this.db
      .selectFrom('certificates')
      .select(['id', 'serial', 'subject_id as year', 'status', 'issued_at'])
      .where('kind', '=', 'transcript')
      .where('person_id', '=', person.id)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, serial: r.serial, year: r.year, status: r.status, issuedAt: r.issued_at }));
  }

  /** One of the caller's transcripts as a PDF, with its file name. */
  async pdf(caller: SessionAccount, id: number): Promise<{ fileName: string; pdf: Buffer }> {
    const person = await requireStudyPerson(this.db, caller);
    const cert = await this.db
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', 'transcript')
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    if (!cert) throw notFound('学时证明');
    const p = cert.payload as unknown as TranscriptPayload;
    const pdf = await renderProofPdf({ ...transcriptDocument(p, cert, this.publicUrl), signed: signedDataOf(cert) });
    return { fileName: `学时证明-${cert.serial}.pdf`, pdf };
  }
}
