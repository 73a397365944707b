import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import { CertificateService } from '../certificates/service';
import type { SettingsService } from '../settings/service';
import { TrainingAssessment } from './assessment';
import { TrainingAttendance } from './attendance';
import { TrainingCertificates } from './certificates';
import { TrainingClasses } from './classes';
import { TrainingEnrolment } from './enrolment';
import { TrainingInstructors } from './instructors';
import { TrainingRecords } from './records';
import { TrainingReports } from './reports';
import { TrainingSurvey } from './survey';

/** The training module's services, one per part of the work, wired once for the routes and the bulk-issue job. */
export class TrainingService {
  readonly instructors: TrainingInstructors;
  readonly classes: TrainingClasses;
  readonly enrolment: TrainingEnrolment;
  readonly attendance: TrainingAttendance;
  readonly assessment: TrainingAssessment;
  readonly records: TrainingRecords;
  readonly certificates: TrainingCertificates;
  readonly survey: TrainingSurvey;
  readonly reports: TrainingReports;

  constructor(db: Database, crypto: CryptoService, settings: SettingsService, publicUrl: string) {
    this.instructors = new TrainingInstructors(db);
    this.classes = new TrainingClasses(db);
    this.enrolment = new TrainingEnrolment(db);
    this.attendance = new TrainingAttendance(db, crypto, publicUrl);
    this.assessment = new TrainingAssessment(db);
    this.records = new TrainingRecords(db);
    this.certificates = new TrainingCertificates(db, settings, new CertificateService(crypto), publicUrl);
    this.survey = new TrainingSurvey(db);
    this.reports = new TrainingReports(db, this.instructors);
  }
}
