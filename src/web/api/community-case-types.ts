/** Shapes of the case library and exchange events API, inferred from the contract (src/contract/community-cases.ts). */
import type { Answer, Request } from '../../contract/common';
import type {
  attendanceItemSchema,
  caseDetailSchema,
  caseHitSchema,
  caseInputSchema,
  caseListItemSchema,
  checkInResultSchema,
  checkInTokenSchema,
  communityCreditsSchema,
  creditRuleSchema,
  eventDetailSchema,
  eventInputSchema,
  eventItemSchema,
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
/** `startsAt`/`endsAt` are sent as ISO strings. */
export type EventInput = Omit<Request<typeof eventInputSchema>, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string };
export type AttendanceRow = Answer<typeof attendanceItemSchema>;
export type CheckInToken = Answer<typeof checkInTokenSchema>;
export type CheckInResult = Answer<typeof checkInResultSchema>;
