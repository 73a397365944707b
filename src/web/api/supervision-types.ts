/**
 * Shapes of the supervision API (duty records, expert pool, warnings and blacklist, public notices, award
 * eligibility), inferred from the contract (src/contract/supervision.ts, supervision-public.ts).
 */
import type { Answer } from '../../contract/common';
import type {
  attachmentSchema,
  drawBatchSchema,
  drawDetailSchema,
  drawVerificationSchema,
  dutyRecordDetailSchema,
  dutyRecordSchema,
  expertDrawSchema,
  expertMemberDetailSchema,
  expertMemberSchema,
  expertStatusSchema,
  sanctionAppealSchema,
  sanctionDetailSchema,
  sanctionKindSchema,
  sanctionSchema,
  sanctionStatusSchema,
} from '../../contract/supervision';
import type { awardEligibilitySchema, blacklistNoticeSchema } from '../../contract/supervision-public';

export type Attachment = Answer<typeof attachmentSchema>;
export type DutyRecord = Answer<typeof dutyRecordSchema>;
export type DutyKind = DutyRecord['kind'];
export type DutyProjectType = NonNullable<DutyRecord['projectType']>;
export type DutyRecordDetail = Answer<typeof dutyRecordDetailSchema>;
export type ExpertStatus = Answer<typeof expertStatusSchema>;
export type ExpertDraw = Answer<typeof expertDrawSchema>;
export type ExpertMember = Answer<typeof expertMemberSchema>;
export type ExpertMemberDetail = Answer<typeof expertMemberDetailSchema>;
/** `GET /api/expert-draws` items. */
export type DrawBatch = Answer<typeof drawBatchSchema>;
/** `GET /api/expert-draws/:id`. */
export type DrawDetail = Answer<typeof drawDetailSchema>;
export type DrawItem = DrawDetail['draws'][number];
/** `GET /api/expert-draws/:id/verify`. */
export type DrawVerification = Answer<typeof drawVerificationSchema>;
export type SanctionKind = Answer<typeof sanctionKindSchema>;
export type SanctionStatus = Answer<typeof sanctionStatusSchema>;
export type Sanction = Answer<typeof sanctionSchema>;
export type SanctionAppeal = Answer<typeof sanctionAppealSchema>;
export type SanctionDetail = Answer<typeof sanctionDetailSchema>;
export type BlacklistNotice = Answer<typeof blacklistNoticeSchema>;
export type AwardEligibilityAnswer = Answer<typeof awardEligibilitySchema>;
