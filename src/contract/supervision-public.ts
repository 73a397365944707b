/** The public supervision answers (src/server/modules/supervision/public-routes.ts): blacklist notices and award eligibility. */
import { z } from 'zod';
import { AWARD_CONDITION_KINDS } from '../domain/award-eligibility';
import { pageOf } from './common';

/** `GET /api/public/blacklist-notices` items: the notice as published, the officer's name masked (陈*量), never the ID number. */
export const blacklistNoticeSchema = z.object({
  noticeNo: z.string(),
  personNameMasked: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  reason: z.string(),
  banStart: z.string(),
  banEnd: z.string(),
  publishedAt: z.date(),
  status: z.enum(['in_force', 'pending', 'expired', 'removed']),
  statusLabel: z.string(),
  withdrawnAt: z.date().nullable(),
  withdrawnReason: z.string().nullable(),
});

/** `GET /api/public/award-eligibility`: names no person and shows no hours. */
export const awardEligibilitySchema = z.object({
  uscc: z.string(),
  enterpriseName: z.string(),
  checkedOn: z.string(),
  eligible: z.boolean(),
  scheme: z.object({
    level: z.enum(['province', 'city', 'county']),
    levelLabel: z.string(),
    version: z.number(),
    adoptedOn: z.string(),
    note: z.string().nullable(),
  }),
  conditions: z.array(z.object({ key: z.enum(AWARD_CONDITION_KINDS), label: z.string(), pass: z.boolean(), reason: z.string() })),
});

export const blacklistNoticePageSchema = pageOf(blacklistNoticeSchema);
