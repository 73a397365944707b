/** Shapes of the training API answers, inferred from the contract (src/contract/training.ts). */
import type { Answer, idSchema, jobIdSchema, Request } from '../../contract/common';
import type { classInputSchema } from '../../contract/training-input';
import type {
  certificatesIssuedSchema,
  classDetailSchema,
  classListItemSchema,
  classSummarySchema,
  enrolmentCertificateSchema,
  enrolmentViewSchema,
  enrolResultSchema,
  instructorSchema,
  myTrainingSchema,
  preQuizResultSchema,
  rosterAttendanceSchema,
  rosterItemSchema,
  rosterSchema,
  scoresImportedSchema,
  sessionSchema,
  signInCodeSchema,
  signInResultSchema,
  surveyReportSchema,
  surveyResultSchema,
  trainerOptionListSchema,
  trainingOverviewSchema,
} from '../../contract/training';

export type TrainingClassSummary = Answer<typeof classSummarySchema>;
export type TrainingClassListItem = Answer<typeof classListItemSchema>;
export type TrainingSession = Answer<typeof sessionSchema>;
export type CertificateRef = Answer<typeof enrolmentCertificateSchema>;
export type EnrolmentView = Answer<typeof enrolmentViewSchema>;
export type TrainingClassDetail = Answer<typeof classDetailSchema>;
export type RosterAttendance = Answer<typeof rosterAttendanceSchema>;
export type RosterItem = Answer<typeof rosterItemSchema>;
export type Roster = Answer<typeof rosterSchema>;
export type SignInCode = Answer<typeof signInCodeSchema>;
export type SignInResult = Answer<typeof signInResultSchema>;
export type SurveyReport = Answer<typeof surveyReportSchema>;
export type Instructor = Answer<typeof instructorSchema>;
export type MyTraining = Answer<typeof myTrainingSchema>;
export type MyTrainingItem = MyTraining['items'][number];
export type TrainingOverview = Answer<typeof trainingOverviewSchema>;
export type TrainerOption = Answer<typeof trainerOptionListSchema>[number];
export type EnrolResult = Answer<typeof enrolResultSchema>;
export type ScoresImported = Answer<typeof scoresImportedSchema>;
export type PreQuizResult = Answer<typeof preQuizResultSchema>;
export type SurveyResult = Answer<typeof surveyResultSchema>;
/** The answer of a create (`{ id }`) and of a queued job (`{ jobId }`). */
export type Created = Answer<typeof idSchema>;
export type QueuedJob = Answer<typeof jobIdSchema>;

/** The body of `POST /api/training/classes`, as the web may send it. */
export type TrainingClassInput = Request<typeof classInputSchema>;

/** One list page: the same shape as every paged answer (api/types.ts). */
export type { Page } from './types';
/** The `result` of a `training.certificates.issue` job. */
export type CertificatesIssued = Answer<typeof certificatesIssuedSchema>;
