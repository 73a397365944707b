/** Shapes of the self-study API answers, inferred from the contract (src/contract/study.ts). */
import type { Answer } from '../../contract/common';
import type {
  attemptResultSchema,
  courseDetailSchema,
  courseSchema,
  heartbeatResultSchema,
  issuedTranscriptSchema,
  lessonEditSchema,
  onlineStudyRulesSchema,
  openSessionSchema,
  paceGroupSchema,
  studyAccountSchema,
  studyClaimSchema,
  studyOverviewSchema,
  studySettingsAnswerSchema,
  transcriptSchema,
} from '../../contract/study';

export type Course = Answer<typeof courseSchema>;
export type CourseDetail = Answer<typeof courseDetailSchema>;
export type Lesson = CourseDetail['lessons'][number];
/** A lesson as its editor sees it (GET /api/study/manage/lessons/:id): the quiz with its answers. */
export type LessonForEdit = Answer<typeof lessonEditSchema>;
export type StudySession = Answer<typeof openSessionSchema>;
export type HeartbeatResult = Answer<typeof heartbeatResultSchema>;
export type AttemptResult = Answer<typeof attemptResultSchema>;
export type StudyAccount = Answer<typeof studyAccountSchema>;
export type Transcript = Answer<typeof transcriptSchema>;
export type PaceGroup = Answer<typeof paceGroupSchema>;
export type StudyOverview = Answer<typeof studyOverviewSchema>;
export type StudySettings = Answer<typeof studySettingsAnswerSchema>;
export type StudyClaim = Answer<typeof studyClaimSchema>;
export type OnlineStudyRules = Answer<typeof onlineStudyRulesSchema>;
/** `POST /api/study/my/transcripts`: the issued 学时证明. */
export type IssuedTranscript = Answer<typeof issuedTranscriptSchema>;
