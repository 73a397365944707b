/**
 * The training API (src/server/modules/training): instructors, classes, enrolment, attendance, assessment,
 * certificates of training, the effect survey and the reports: the answers (the requests are in training-input.ts).
 */
import { z } from 'zod';
import { ATTENDANCE_STATUSES, ENROLMENT_STATUSES, SURVEY_ITEM_KEYS, TRAINING_FORMATS, TRAINING_TIERS, type SurveyItem } from '../domain/training';
import { pageOf } from './common';

const tier = z.enum(TRAINING_TIERS);
const format = z.enum(TRAINING_FORMATS);
const attendanceStatus = z.enum(ATTENDANCE_STATUSES);
export const enrolmentStatusSchema = z.enum(ENROLMENT_STATUSES);
const classStatus = z.enum(['open', 'cancelled']);
const certificateStatus = z.enum(['valid', 'ended', 'revoked']);
const attendanceMethod = z.enum(['qr', 'manual']).nullable();

// ------------------------------------------------------------ instructors

/** `GET /api/training/instructors` items, with the learners' mean rating. */
export const instructorSchema = z.object({
  id: z.number(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  name: z.string(),
  organisation: z.string(),
  title: z.string().nullable(),
  topics: z.array(z.string()),
  active: z.boolean(),
  rating: z.number().nullable(),
  ratingCount: z.number(),
});
export const instructorListSchema = z.array(instructorSchema);

/** `GET /api/training/trainers`: the trainer accounts (承办机构) a class may be given to. */
export const trainerOptionListSchema = z.array(z.object({ id: z.number(), name: z.string(), orgUnitName: z.string() }));

// ------------------------------------------------------------ classes

export const classSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  tier,
  format,
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  providerName: z.string().nullable(),
  trainerAccountId: z.number().nullable(),
  venue: z.string().nullable(),
  onlineLink: z.string().nullable(),
  description: z.string().nullable(),
  capacity: z.number(),
  hours: z.number(),
  /** YYYY-MM-DD */
  enrolDeadline: z.string().nullable(),
  waivePrerequisite: z.boolean(),
  passMark: z.number(),
  minAttendancePercent: z.number(),
  certificateValidMonths: z.number().nullable(),
  status: classStatus,
  statusReason: z.string().nullable(),
});

/** The caller may enrol now (the server's enrolment rule); when not, `enrolRefusal` says why (null for roles that never enrol). */
const enrolAbility = { canEnrol: z.boolean(), enrolRefusal: z.string().nullable() };

export const classListItemSchema = classSummarySchema.extend({
  firstStart: z.date().nullable(),
  lastEnd: z.date().nullable(),
  enrolled: z.number(),
  waitlisted: z.number(),
  certified: z.number(),
  ...enrolAbility,
});
export const classPageSchema = pageOf(classListItemSchema);

export const sessionSchema = z.object({ id: z.number(), title: z.string(), startsAt: z.date(), endsAt: z.date() });

export const completionSchema = z.object({
  attendancePercent: z.number(),
  attendanceOk: z.boolean(),
  /** the score that counts: the make-up score when the first attempt failed */
  finalScore: z.number().nullable(),
  passed: z.boolean(),
  complete: z.boolean(),
  /** what is missing, in Chinese; empty when complete */
  missing: z.array(z.string()),
});

/** The certificate of an enrolment; `issuedOn` and `expiresOn` are the dates as signed (the PDF's and the verification page's). */
export const enrolmentCertificateSchema = z.object({
  id: z.number(),
  serial: z.string(),
  status: certificateStatus,
  statusReason: z.string().nullable(),
  issuedAt: z.date(),
  expiresAt: z.date().nullable(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
});

/** One enrolment with its attendance, scores, completion, certificate and survey, as its learner sees it. */
export const enrolmentViewSchema = z.object({
  id: z.number(),
  status: enrolmentStatusSchema,
  score: z.number().nullable(),
  makeupScore: z.number().nullable(),
  preQuizScore: z.number().nullable(),
  createdAt: z.date(),
  sessions: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      startsAt: z.date(),
      endsAt: z.date(),
      attendance: attendanceStatus.nullable(),
      method: attendanceMethod,
      signedInAt: z.date().nullable(),
      correctionReason: z.string().nullable(),
    }),
  ),
  completion: completionSchema,
  certificate: enrolmentCertificateSchema.nullable(),
  surveySubmittedAt: z.date().nullable(),
});

/** `GET /api/training/classes/:id`: the class with its sessions and instructors, the caller's abilities and own enrolment. */
export const classDetailSchema = classSummarySchema.extend({
  sessions: z.array(sessionSchema.extend({ lateAfterMinutes: z.number() })),
  instructors: z.array(z.object({ id: z.number(), name: z.string(), organisation: z.string(), title: z.string().nullable(), topic: z.string().nullable() })),
  enrolled: z.number(),
  waitlisted: z.number(),
  quiz: z.array(z.object({ question: z.string(), options: z.array(z.string()) })),
  canDeliver: z.boolean(),
  canManage: z.boolean(),
  /** the caller may read the effect-evaluation report */
  canSeeSurveyReport: z.boolean(),
  /** an enterprise may enrol its people now; `enrolRefusal` says why not (for an officer too) */
  canEnrolCandidates: z.boolean(),
  ...enrolAbility,
  mine: enrolmentViewSchema.nullable(),
});

// ------------------------------------------------------------ enrolment and roster

/** `POST /api/training/classes/:id/enrolments`: a seat or a place on the waiting list. */
export const enrolResultSchema = z.object({ id: z.number(), status: z.enum(['enrolled', 'waitlisted']) });

export const rosterAttendanceSchema = z.object({
  status: attendanceStatus,
  method: attendanceMethod,
  signedInAt: z.date().nullable(),
  correctionReason: z.string().nullable(),
});

export const rosterItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  positionTitle: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  status: enrolmentStatusSchema,
  enrolledAt: z.date(),
  /** Waiting-list rank (policy 四): 0 规上企业在任首席质量官, 1 other filed officers, 2 others. */
  priority: z.literal([0, 1, 2]),
  priorityLabel: z.string(),
  /** Place on the waiting list in promotion order; null unless waitlisted. */
  waitlistPosition: z.number().nullable(),
  cancelReason: z.string().nullable(),
  score: z.number().nullable(),
  makeupScore: z.number().nullable(),
  /** by session id; null: no record yet */
  attendance: z.record(z.string(), rosterAttendanceSchema.nullable()),
  completion: completionSchema,
  certificate: z.object({ id: z.number(), serial: z.string(), status: certificateStatus }).nullable(),
  surveyDone: z.boolean(),
});

/** `GET /api/training/classes/:id/roster`. */
export const rosterSchema = z.object({
  sessions: z.array(sessionSchema),
  /** The waiting-list promotion rule, in Chinese, for the trainer. */
  waitlistRule: z.string(),
  items: z.array(rosterItemSchema),
});

// ------------------------------------------------------------ attendance

/** `GET /api/training/sessions/:id/sign-in-code`: sign-in opens 30 minutes before the start and closes at the end; a code exists only while it is open. */
export const signInCodeSchema = z.object({
  state: z.enum(['not_started', 'open', 'ended']),
  opensAt: z.date(),
  token: z.string().nullable(),
  url: z.string().nullable(),
  svg: z.string().nullable(),
  expiresAt: z.date().nullable(),
  className: z.string(),
  sessionTitle: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  signedIn: z.number(),
  enrolled: z.number(),
});

/** `POST /api/training/sign-in`. */
export const signInResultSchema = z.object({
  classId: z.number(),
  className: z.string(),
  sessionTitle: z.string(),
  status: attendanceStatus,
  signedInAt: z.date(),
  already: z.boolean(),
});

// ------------------------------------------------------------ assessment, certificates, survey

export const scoresSavedSchema = z.object({ saved: z.number() });
export const scoresImportedSchema = z.object({ imported: z.number(), changed: z.number() });
/** An issued (or reissued) certificate. */
export const issuedCertificateSchema = z.object({ id: z.number(), serial: z.string() });
export const preQuizResultSchema = z.object({ score: z.number() });
export const surveyResultSchema = z.object({ id: z.number(), postQuizScore: z.number().nullable() });

/** `GET /api/training/classes/:id/survey-report`. */
export const surveyReportSchema = z.object({
  classId: z.number(),
  className: z.string(),
  tier,
  enrolled: z.number(),
  responses: z.number(),
  responseRate: z.number().nullable(),
  overallMean: z.number().nullable(),
  overallSatisfiedPercent: z.number().nullable(),
  items: z.array(
    z.object({
      key: z.enum(SURVEY_ITEM_KEYS as [SurveyItem, ...SurveyItem[]]),
      label: z.string(),
      mean: z.number().nullable(),
      satisfiedPercent: z.number().nullable(),
      distribution: z.array(z.number()),
    }),
  ),
  instructors: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      organisation: z.string(),
      topic: z.string().nullable(),
      mean: z.number().nullable(),
      count: z.number(),
      overallMean: z.number().nullable(),
    }),
  ),
  quiz: z
    .object({ questions: z.number(), preMean: z.number().nullable(), postMean: z.number().nullable(), preCount: z.number(), postCount: z.number() })
    .nullable(),
  comments: z.array(z.object({ text: z.string(), submittedAt: z.date() })),
});

/** `GET /api/training/overview`: the bureau's year by tier, satisfaction, instructors and coverage. */
export const trainingOverviewSchema = z.object({
  year: z.number(),
  tiers: z.array(
    z.object({
      tier,
      classes: z.number(),
      enrolled: z.number(),
      assessed: z.number(),
      passed: z.number(),
      passRate: z.number().nullable(),
      certified: z.number(),
    }),
  ),
  satisfaction: z.array(z.object({ unit: z.string(), responses: z.number(), mean: z.number().nullable() })),
  instructors: z.array(z.object({ id: z.number(), name: z.string(), organisation: z.string(), mean: z.number(), ratings: z.number() })),
  coverage: z.array(
    z.object({
      orgUnitId: z.number(),
      code: z.string(),
      name: z.string(),
      activeOfficers: z.number(),
      trainedOfficers: z.number(),
      percent: z.number().nullable(),
    }),
  ),
});

// ------------------------------------------------------------ the officer's own record

/** `GET /api/training/me`. */
export const myTrainingSchema = z.object({
  items: z.array(
    z.object({
      classId: z.number(),
      className: z.string(),
      tier,
      tierLabel: z.string(),
      format,
      formatLabel: z.string(),
      orgUnitName: z.string(),
      venue: z.string().nullable(),
      onlineLink: z.string().nullable(),
      hours: z.number(),
      classStatus,
      hasQuiz: z.boolean(),
      enrolment: enrolmentViewSchema,
    }),
  ),
});

/** The `result` of the `training.certificates.issue` job: how many 培训合格证 were issued. */
export const certificatesIssuedSchema = z.object({ issued: z.number() });
