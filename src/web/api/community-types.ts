/** Shapes of the community API (src/server/modules/community), inferred from the contract (src/contract/community.ts). */
import type { Answer, idSchema } from '../../contract/common';
import type {
  boardListSchema,
  boardSchema,
  joinResultSchema,
  memberListSchema,
  memberRoleSchema,
  memberStatusSchema,
  mentionCandidatesSchema,
  moderationQueueSchema,
  organisationDetailSchema,
  organisationSchema,
  postEditedSchema,
  postEditsSchema,
  postSchema,
  postStatusSchema,
  replyCreatedSchema,
  searchResultSchema,
  sensitiveWordListSchema,
  threadCreatedSchema,
  threadListSchema,
  threadPageSchema,
  threadSummarySchema,
  uploadedFileSchema,
} from '../../contract/community';

export type MemberRole = Answer<typeof memberRoleSchema>;
export type MemberStatus = Answer<typeof memberStatusSchema>;
export type PostStatus = Answer<typeof postStatusSchema>;
export type CommunityBoard = Answer<typeof boardSchema>;
/** `GET /api/community/boards` items: a board with its published threads. */
export type BoardListItem = Answer<typeof boardListSchema>[number];
export type CommunityOrganisation = Answer<typeof organisationSchema>;
export type CommunityOrganisationDetail = Answer<typeof organisationDetailSchema>;
/** The answer of a create (organisation, board, sensitive word): the new record's id. */
export type Created = Answer<typeof idSchema>;
export type JoinResult = Answer<typeof joinResultSchema>;
export type CommunityMember = Answer<typeof memberListSchema>[number];
export type ThreadSummary = Answer<typeof threadSummarySchema>;
export type ThreadList = Answer<typeof threadListSchema>;
export type MentionCandidate = Answer<typeof mentionCandidatesSchema>[number];
export type ThreadCreated = Answer<typeof threadCreatedSchema>;
export type ReplyCreated = Answer<typeof replyCreatedSchema>;
export type PostEdited = Answer<typeof postEditedSchema>;
export type CommunityPost = Answer<typeof postSchema>;
/** `GET /api/community/posts/:id/edits`: what each edit replaced, newest first (moderators and the author). */
export type PostEdit = Answer<typeof postEditsSchema>[number];
export type ThreadPage = Answer<typeof threadPageSchema>;
export type SearchResult = Answer<typeof searchResultSchema>;
export type QueueItem = Answer<typeof moderationQueueSchema>[number];
export type SensitiveWord = Answer<typeof sensitiveWordListSchema>[number];
export type UploadedFile = Answer<typeof uploadedFileSchema>;

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = { president: '会长', vice_president: '副会长', secretariat: '秘书处', member: '成员' };
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  applied: '申请中',
  invited: '已邀请',
  active: '正式成员',
  rejected: '未通过',
  left: '已退出',
  removed: '已移出',
};
export const ORG_KIND_LABELS = { alliance: '联盟', club: '之家' } as const;
export const ORG_LEVEL_LABELS = { province: '省级', city: '市级', industry: '行业' } as const;
export const READ_ACCESS_LABELS = { all: '所有首席质量官', members: '仅本组织成员' } as const;
export const POST_ACCESS_LABELS = { all: '所有首席质量官', members: '仅本组织成员', admins: '仅管理员' } as const;
export const MODERATION_LABELS = { post: '先发后审', pre: '先审后发' } as const;
