/** Shapes of the community API (src/server/modules/community), as the web app reads them. */
export type MemberRole = 'president' | 'vice_president' | 'secretariat' | 'member';
export type MemberStatus = 'applied' | 'invited' | 'active' | 'rejected' | 'left' | 'removed';
export type PostStatus = 'published' | 'pending' | 'hidden' | 'rejected';

export interface CommunityBoard {
  id: number;
  organisationId: number | null;
  organisationName: string | null;
  name: string;
  description: string | null;
  readAccess: 'all' | 'members';
  postAccess: 'all' | 'members' | 'admins';
  moderation: 'post' | 'pre';
  status: 'active' | 'closed';
  sort: number;
  canRead: boolean;
  canPost: boolean;
  canModerate: boolean;
  threadCount?: number;
  lastPostedAt?: string | null;
}

export interface CommunityOrganisation {
  id: number;
  kind: 'alliance' | 'club';
  level: 'province' | 'city' | 'industry';
  name: string;
  description: string | null;
  orgUnitId: number;
  orgUnitName: string;
  industrySection: string | null;
  status: 'active' | 'closed';
  memberCount: number;
  myStatus: MemberStatus | null;
  canManage: boolean;
  /** the server's rule: an officer may apply (or accept an invitation) / leave */
  canJoin: boolean;
  canLeave: boolean;
  bannedUntil: string | null;
  createdAt: string;
  boards?: CommunityBoard[];
}

export interface CommunityMember {
  id: number;
  accountId: number;
  name: string;
  enterpriseName: string | null;
  role: MemberRole;
  isAdmin: boolean;
  status: MemberStatus;
  message: string | null;
  bannedUntil: string | null;
  banReason: string | null;
  createdAt: string;
}

export interface ThreadSummary {
  id: number;
  kind: 'discussion' | 'question';
  title: string;
  status: PostStatus;
  locked: boolean;
  pinned: boolean;
  featured: boolean;
  answered: boolean;
  replyCount: number;
  likeCount: number;
  authorName: string;
  authorOrg: string | null;
  lastPostedAt: string;
  createdAt: string;
}

export interface ThreadList {
  board: CommunityBoard;
  items: ThreadSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CommunityPost {
  id: number;
  isOpening: boolean;
  authorName: string;
  authorOrg: string | null;
  mine: boolean;
  bodyHtml: string;
  status: PostStatus;
  statusReason: string | null;
  likeCount: number;
  liked: boolean;
  createdAt: string;
  /** When the author last edited the post (shown as 「已编辑」), or null. */
  editedAt: string | null;
  /** The caller is the author and may still edit it (visible, thread not locked, may post in the board). */
  canEdit: boolean;
  attachments: { id: number; name: string; bytes: number }[];
  openReports: number;
}

/** `GET /api/community/posts/:id/edits`: what each edit replaced, newest first (moderators and the author). */
export interface PostEdit {
  id: number;
  editorName: string | null;
  previousTitle: string | null;
  previousBodyHtml: string;
  previousStatus: PostStatus;
  editedAt: string;
}

export interface ThreadPage {
  thread: {
    id: number;
    boardId: number;
    boardName: string;
    organisationId: number | null;
    organisationName: string | null;
    kind: 'discussion' | 'question';
    title: string;
    status: PostStatus;
    locked: boolean;
    pinned: boolean;
    featured: boolean;
    acceptedPostId: number | null;
    replyCount: number;
    authorAccountId: number;
    createdAt: string;
    subscribed: boolean;
    canReply: boolean;
    canModerate: boolean;
    isAuthor: boolean;
  };
  posts: CommunityPost[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SearchResult {
  items: {
    source: string;
    id: number;
    title: string;
    link: string;
    rank: number;
    createdAt: string;
    authorName: string | null;
    authorOrg: string | null;
    context: string | null;
    snippet: { text: string; hit: boolean }[];
  }[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface QueueItem {
  postId: number;
  threadId: number;
  isOpening: boolean;
  title: string;
  boardName: string;
  authorName: string;
  authorOrg: string | null;
  bodyHtml: string;
  status: PostStatus;
  locked: boolean;
  createdAt: string;
  reports: { id: number; reason: string; createdAt: string }[];
}

export interface SensitiveWord {
  id: number;
  word: string;
  organisationId: number | null;
  createdAt: string;
}

export interface UploadedFile {
  id: number;
  name: string;
  bytes: number;
  isImage: boolean;
  url: string;
}

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = { president: '会长', vice_president: '副会长', secretariat: '秘书处', member: '成员' };
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { applied: '申请中', invited: '已邀请', active: '正式成员', rejected: '未通过', left: '已退出', removed: '已移出' };
export const ORG_KIND_LABELS = { alliance: '联盟', club: '之家' } as const;
export const ORG_LEVEL_LABELS = { province: '省级', city: '市级', industry: '行业' } as const;
export const READ_ACCESS_LABELS = { all: '所有首席质量官', members: '仅本组织成员' } as const;
export const POST_ACCESS_LABELS = { all: '所有首席质量官', members: '仅本组织成员', admins: '仅管理员' } as const;
export const MODERATION_LABELS = { post: '先发后审', pre: '先审后发' } as const;
