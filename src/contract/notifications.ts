/** The caller's own notices (src/server/modules/notifications): the bell, the list, marking read. */
import { z } from 'zod';

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
