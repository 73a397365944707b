import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, TimestampNullable } from './column-types';

export type PostStatus = 'published' | 'pending' | 'hidden' | 'rejected';

export interface CommunityOrganisationsTable {
  id: Generated<number>;
  version: Generated<number>;
  kind: 'alliance' | 'club';
  level: 'province' | 'city' | 'industry';
  name: string;
  description: string | null;
  org_unit_id: number;
  industry_section: string | null;
  status: Generated<'active' | 'closed'>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityMembersTable {
  id: Generated<number>;
  organisation_id: number;
  account_id: number;
  is_admin: Generated<boolean>;
  role: Generated<'president' | 'vice_president' | 'secretariat' | 'member'>;
  status: 'applied' | 'invited' | 'active' | 'rejected' | 'left' | 'removed';
  message: string | null;
  banned_until: TimestampNullable;
  ban_reason: string | null;
  decided_by: number | null;
  decided_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityBoardsTable {
  id: Generated<number>;
  organisation_id: number | null;
  name: string;
  description: string | null;
  read_access: Generated<'all' | 'members'>;
  post_access: Generated<'all' | 'members' | 'admins'>;
  moderation: Generated<'post' | 'pre'>;
  sort: Generated<number>;
  status: Generated<'active' | 'closed'>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityThreadsTable {
  id: Generated<number>;
  board_id: number;
  kind: Generated<'discussion' | 'question'>;
  title: string;
  author_account_id: number;
  status: Generated<PostStatus>;
  locked: Generated<boolean>;
  pinned: Generated<boolean>;
  featured: Generated<boolean>;
  accepted_post_id: number | null;
  reply_count: Generated<number>;
  last_posted_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityPostsTable {
  id: Generated<number>;
  thread_id: number;
  board_id: number;
  is_opening: Generated<boolean>;
  author_account_id: number;
  author_name: string;
  author_org: string | null;
  author_industry: string | null;
  body_html: string;
  body_text: string;
  /** tsvector: written with sql`to_tsvector('simple', …)` */
  search: ColumnType<string, NonNullable<unknown>, NonNullable<unknown>>;
  mentions: Generated<number[]>;
  status: Generated<PostStatus>;
  status_reason: string | null;
  like_count: Generated<number>;
  /** set when the author last edited the post (「已编辑」) */
  edited_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What an edit replaced: one row per edit of a post, for the moderators. */
export interface CommunityPostEditsTable {
  id: Generated<number>;
  post_id: number;
  editor_account_id: number;
  /** the opening post's thread title before the edit; null for replies */
  previous_title: string | null;
  previous_body_html: string;
  previous_status: PostStatus;
  edited_at: Timestamp;
}

export interface CommunityLikesTable {
  post_id: number;
  account_id: number;
  created_at: Timestamp;
}

export interface CommunitySubscriptionsTable {
  thread_id: number;
  account_id: number;
  created_at: Timestamp;
}

export interface CommunityReportsTable {
  id: Generated<number>;
  post_id: number;
  reporter_account_id: number;
  reason: string;
  status: Generated<'open' | 'upheld' | 'dismissed'>;
  decided_by: number | null;
  decided_at: TimestampNullable;
  created_at: Timestamp;
}

export interface CommunitySensitiveWordsTable {
  id: Generated<number>;
  organisation_id: number | null;
  word: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CommunityFilesTable {
  id: Generated<number>;
  post_id: number | null;
  uploader_account_id: number;
  file_ref: string;
  name: string;
  bytes: number;
  is_image: boolean;
  created_at: Timestamp;
}

export interface CommunityTables {
  community_organisations: CommunityOrganisationsTable;
  community_members: CommunityMembersTable;
  community_boards: CommunityBoardsTable;
  community_threads: CommunityThreadsTable;
  community_posts: CommunityPostsTable;
  community_post_edits: CommunityPostEditsTable;
  community_likes: CommunityLikesTable;
  community_subscriptions: CommunitySubscriptionsTable;
  community_reports: CommunityReportsTable;
  community_sensitive_words: CommunitySensitiveWordsTable;
  community_files: CommunityFilesTable;
}
