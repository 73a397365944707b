/**
 * The community API (src/server/modules/community): organisations and members, boards, threads and posts,
 * moderation, post files and the unified search. The case library and exchange events are in community-cases.ts.
 */
import { z } from 'zod';
import { okSchema } from './common';

export const memberRoleSchema = z.enum(['president', 'vice_president', 'secretariat', 'member']);
export const memberStatusSchema = z.enum(['applied', 'invited', 'active', 'rejected', 'left', 'removed']);
export const postStatusSchema = z.enum(['published', 'pending', 'hidden', 'rejected']);
const activeStatus = z.enum(['active', 'closed']);
const threadKind = z.enum(['discussion', 'question']);
/** What a new post or reply became: published at once, or waiting for a moderator (pre-moderated boards). */
const newPostStatus = z.enum(['published', 'pending']);

/** A board as the caller may use it (`CommunityView`). */
export const boardSchema = z.object({
  id: z.number(),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  readAccess: z.enum(['all', 'members']),
  postAccess: z.enum(['all', 'members', 'admins']),
  moderation: z.enum(['post', 'pre']),
  status: activeStatus,
  sort: z.number(),
  canRead: z.boolean(),
  canPost: z.boolean(),
  canModerate: z.boolean(),
});

/** `GET /api/community/boards`: the boards the caller reads, with their published threads. */
export const boardListSchema = z.array(boardSchema.extend({ threadCount: z.number(), lastPostedAt: z.date().nullable() }));

/** `GET /api/community/organisations` items. */
export const organisationSchema = z.object({
  id: z.number(),
  version: z.number(),
  kind: z.enum(['alliance', 'club']),
  level: z.enum(['province', 'city', 'industry']),
  name: z.string(),
  description: z.string().nullable(),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  industrySection: z.string().nullable(),
  status: activeStatus,
  memberCount: z.number(),
  myStatus: memberStatusSchema.nullable(),
  canManage: z.boolean(),
  /** the server's rule: an officer may apply (or accept an invitation) / leave */
  canJoin: z.boolean(),
  canLeave: z.boolean(),
  bannedUntil: z.date().nullable(),
  createdAt: z.date(),
});

export const organisationListSchema = z.array(organisationSchema);

/** `GET /api/community/organisations/:id`: the organisation and the boards of it the caller reads. */
export const organisationDetailSchema = organisationSchema.extend({ boards: z.array(boardSchema) });

/** `PUT /api/community/organisations/:id`: the record's new version. */
export const organisationUpdatedSchema = okSchema.extend({ version: z.number() });

/** `POST /api/community/organisations/:id/join`: accepting an invitation joins at once, else an application. */
export const joinResultSchema = z.object({ status: z.enum(['active', 'applied']) });

/** `GET /api/community/organisations/:id/members`: real names (no ID numbers or phones); message and ban reason for managers only. */
export const memberListSchema = z.array(
  z.object({
    id: z.number(),
    accountId: z.number(),
    name: z.string(),
    enterpriseName: z.string().nullable(),
    role: memberRoleSchema,
    isAdmin: z.boolean(),
    status: memberStatusSchema,
    message: z.string().nullable(),
    bannedUntil: z.date().nullable(),
    banReason: z.string().nullable(),
    createdAt: z.date(),
  }),
);

export const threadSummarySchema = z.object({
  id: z.number(),
  kind: threadKind,
  title: z.string(),
  status: postStatusSchema,
  locked: z.boolean(),
  pinned: z.boolean(),
  featured: z.boolean(),
  answered: z.boolean(),
  replyCount: z.number(),
  likeCount: z.number(),
  authorName: z.string(),
  authorOrg: z.string().nullable(),
  lastPostedAt: z.date(),
  createdAt: z.date(),
});

/** `GET /api/community/boards/:id/threads`: the board and a page of its threads (pinned first). */
export const threadListSchema = z.object({
  board: boardSchema,
  items: z.array(threadSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** `GET /api/community/boards/:id/mentionable`: officers the caller may @ on the board. */
export const mentionCandidatesSchema = z.array(z.object({ accountId: z.number(), name: z.string(), enterpriseName: z.string().nullable() }));

/** `POST /api/community/boards/:id/threads`. */
export const threadCreatedSchema = z.object({ id: z.number(), postId: z.number(), status: newPostStatus });

/** `POST /api/community/threads/:id/replies`. */
export const replyCreatedSchema = z.object({ id: z.number(), status: newPostStatus });

/** `PUT /api/community/posts/:id`: an edit on a pre-moderated board goes back to review. */
export const postEditedSchema = z.object({ id: z.number(), status: postStatusSchema });

export const postSchema = z.object({
  id: z.number(),
  isOpening: z.boolean(),
  authorName: z.string(),
  authorOrg: z.string().nullable(),
  mine: z.boolean(),
  bodyHtml: z.string(),
  status: postStatusSchema,
  statusReason: z.string().nullable(),
  likeCount: z.number(),
  liked: z.boolean(),
  createdAt: z.date(),
  /** When the author last edited the post (shown as 「已编辑」), or null. */
  editedAt: z.date().nullable(),
  /** The caller is the author and may still edit it (visible, thread not locked, may post in the board). */
  canEdit: z.boolean(),
  attachments: z.array(z.object({ id: z.number(), name: z.string(), bytes: z.number() })),
  openReports: z.number(),
});

/** `GET /api/community/threads/:id`: the thread and a page of its posts. */
export const threadPageSchema = z.object({
  // the list's fields of a thread, and where it stands and what the caller may do in it
  thread: threadSummarySchema
    .pick({ id: true, kind: true, title: true, status: true, locked: true, pinned: true, featured: true, replyCount: true, createdAt: true })
    .extend({
      boardId: z.number(),
      boardName: z.string(),
      organisationId: z.number().nullable(),
      organisationName: z.string().nullable(),
      acceptedPostId: z.number().nullable(),
      authorAccountId: z.number(),
      subscribed: z.boolean(),
      canReply: z.boolean(),
      canModerate: z.boolean(),
      isAuthor: z.boolean(),
    }),
  posts: z.array(postSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** `GET /api/community/posts/:id/edits`: what each edit replaced, newest first (moderators and the author). */
export const postEditsSchema = z.array(
  z.object({
    id: z.number(),
    editorName: z.string().nullable(),
    previousTitle: z.string().nullable(),
    previousBodyHtml: z.string(),
    previousStatus: postStatusSchema,
    editedAt: z.date(),
  }),
);

/** `PUT /api/community/threads/:id/subscription`. */
export const subscriptionSchema = z.object({ subscribed: z.boolean() });

/** `PUT /api/community/posts/:id/like`. */
export const likeSchema = z.object({ liked: z.boolean(), likeCount: z.number() });

/** `POST /api/community/files`: an uploaded image or attachment, not yet used by a post. */
export const uploadedFileSchema = z.object({ id: z.number(), name: z.string(), bytes: z.number(), isImage: z.boolean(), url: z.string() });

/** `GET /api/community/moderation/queue`: posts awaiting approval and posts with open reports. */
export const moderationQueueSchema = z.array(
  z.object({
    postId: z.number(),
    threadId: z.number(),
    isOpening: z.boolean(),
    title: z.string(),
    boardName: z.string(),
    authorName: z.string(),
    authorOrg: z.string().nullable(),
    bodyHtml: z.string(),
    status: postStatusSchema,
    locked: z.boolean(),
    createdAt: z.date(),
    reports: z.array(z.object({ id: z.number(), reason: z.string(), createdAt: z.date() })),
  }),
);

/** `GET /api/community/sensitive-words`. */
export const sensitiveWordListSchema = z.array(z.object({ id: z.number(), word: z.string(), organisationId: z.number().nullable(), createdAt: z.date() }));

/** `GET /api/community/search`: hits of the forum and of the sources other modules lend (the case library). */
export const searchResultSchema = z.object({
  items: z.array(
    z.object({
      /** 'forum', 'case' */
      source: z.string(),
      id: z.number(),
      title: z.string(),
      /** where the hit leads in the web app */
      link: z.string(),
      rank: z.number(),
      createdAt: z.date(),
      authorName: z.string().nullable(),
      authorOrg: z.string().nullable(),
      context: z.string().nullable(),
      /** plain-text segments, the query's words marked */
      snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })),
    }),
  ),
  total: z.number(),
  /** the total was counted only up to the cap (shown as “1000+”) */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
