/** Shapes of the account-reset and working-calendar answers, inferred from the contract (src/contract/accounts.ts, policy.ts). */
import type { Answer } from '../../contract/common';
import type { resetApprovedSchema, resetRequestSchema } from '../../contract/accounts';
import type { calendarDaySchema, calendarYearSchema, calendarYearsSchema, calendarYearSummarySchema, onlineRuleSavedSchema } from '../../contract/policy';

/** `GET /api/account-reset-requests` items; `canDecide`: the caller may approve or reject it now. */
export type ResetRequest = Answer<typeof resetRequestSchema>;
/** `POST /api/account-reset-requests/:id/approve`. */
export type ResetApproved = Answer<typeof resetApprovedSchema>;

/** `GET /api/working-calendar`. */
export type CalendarYears = Answer<typeof calendarYearsSchema>;
export type CalendarYearSummary = Answer<typeof calendarYearSummarySchema>;
/** `GET /api/working-calendar/:year`. */
export type CalendarYearDetail = Answer<typeof calendarYearSchema>;
export type CalendarDay = Answer<typeof calendarDaySchema>;
/** `PUT /api/study/online-rules/:year`: the saved rule's version and the study accounts recomputed. */
export type OnlineRuleSaved = Answer<typeof onlineRuleSavedSchema>;
