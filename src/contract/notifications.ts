/** Notices (src/server/modules/notifications): the caller's own (the bell, the list, marking read) and the delivery log. */
import { z } from 'zod';
import { DELIVERY_STATUSES, NOTICE_CHANNELS } from '../domain/notices';
import { dictKeys } from '../domain/enterprise';
import { pageOf } from './common';

/** One notice to the signed-in account. `link` is an app path (e.g. `/filings/12`) or null. */
export const notificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

/** `GET /api/notifications`: a page of notices; `unread` counts the account's unread notices whatever the filter. */
export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** One delivery of a notice on one channel (`GET /api/notifications/deliveries`, `…/deliveries/mine`). */
export const deliverySchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  channel: z.enum(dictKeys(NOTICE_CHANNELS)),
  recipientName: z.string(),
  orgUnitName: z.string(),
  /** Masked (138****0000, z***@example.com): the log shows where a notice went, never the whole number. */
  address: z.string().nullable(),
  status: z.enum(dictKeys(DELIVERY_STATUSES)),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});
export const deliveryPageSchema = pageOf(deliverySchema);

/** How a notice went out: counts per channel; `capped` hit the daily SMS cap, `unreached` had no channel that reaches them. */
export const deliverySummarySchema = z.object({ inApp: z.number(), sms: z.number(), email: z.number(), capped: z.number(), unreached: z.number() });
