/** Shapes of the case library and exchange events API, inferred from the contract (src/contract/community-cases.ts). */
import type { Answer, Body, Request } from '../../contract/common';
import type {
  attendanceItemSchema,
  attendanceSchema,
  caseCreditedSchema,
  caseDetailSchema,
  caseHitSchema,
  caseInputSchema,
  caseListItemSchema,
  caseSavedSchema,
  checkInResultSchema,
  checkInTokenSchema,
  communityCreditsSchema,
  creditRuleSchema,
  eventDetailSchema,
  eventInputSchema,
  eventItemSchema,
  eventRegisteredSchema,
  myCasesSchema,
} from '../../contract/community-cases';

/** One list page: the same shape as every paged answer (api/types.ts). */
export type { Page } from './types';

export type CaseHit = Answer<typeof caseHitSchema>;
export type CaseListItem = Answer<typeof caseListItemSchema>;
export type CaseDetail = Answer<typeof caseDetailSchema>;
export type CaseInput = Request<typeof caseInputSchema>;
export type CommunityCreditRule = Answer<typeof creditRuleSchema>;
export type CommunityCredits = Answer<typeof communityCreditsSchema>;
export type EventItem = Answer<typeof eventItemSchema>;
export type EventDetail = Answer<typeof eventDetailSchema>;
/** The body of an event's create or edit, every field present; `startsAt`/`endsAt` are sent as ISO strings. */
export type EventInput = Body<typeof eventInputSchema>;
export type AttendanceRow = Answer<typeof attendanceItemSchema>;
export type CheckInToken = Answer<typeof checkInTokenSchema>;
export type CheckInResult = Answer<typeof checkInResultSchema>;
/** `GET /api/community/cases/mine`. */
export type MyCases = Answer<typeof myCasesSchema>;
/** `PUT /api/community/cases/:id`: the case's new version. */
export type CaseSaved = Answer<typeof caseSavedSchema>;
/** `POST /api/community/cases/:id/publish` and `…/feature`: the minutes credited to the author. */
export type CaseCredited = Answer<typeof caseCreditedSchema>;
/** `POST /api/community/events/:id/register`: registered, or on the waiting list. */
export type EventRegistered = Answer<typeof eventRegisteredSchema>;
/** `GET /api/community/events/:id/attendance`. */
export type Attendance = Answer<typeof attendanceSchema>;
