import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { PromptOptions } from '../../components/confirm-action';

/** 隐藏帖子 (from the moderation queue or the thread): the dialog asks for the reason the author is told. */
export const hidePostPrompt = (postId: number, success: string): PromptOptions<unknown> => ({
  title: '隐藏帖子',
  label: '隐藏理由',
  placeholder: '将告知作者',
  required: '请填写隐藏理由',
  maxLength: 500,
  multiline: true,
  okText: '隐藏',
  action: (reason) => api.post(`/api/community/posts/${postId}/moderation`, { decision: 'hide', reason }),
  success,
  invalidate: [queryKeys.community.all],
});
