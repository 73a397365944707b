import {
  CheckCircleFilled,
  EditOutlined,
  HistoryOutlined,
  LikeFilled,
  LikeOutlined,
  PaperClipOutlined,
  StarOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Input, Modal, Pagination, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { CommunityPost, PostEdit, PostEdited, ReplyCreated, ThreadPage as ThreadData } from '../../api/community-types';
import { useConfirmAction } from '../../components/confirm-action';
import { formatDateTimeShort } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { hidePostPrompt } from './hide-post';
import { PostComposer } from './PostComposer';
import './community.css';
import { queryKeys } from '../../api/query-keys';

const STATUS_TAGS: Record<string, { color: string; label: string }> = {
  pending: { color: 'orange', label: '待审核' },
  hidden: { color: 'default', label: '已隐藏' },
};

export default function ThreadPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const { prompt } = useConfirmAction();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [reporting, setReporting] = useState<CommunityPost | null>(null);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [editTitle, setEditTitle] = useState('');
  const [history, setHistory] = useState<{ post: CommunityPost; edits: PostEdit[] } | null>(null);
  const key = queryKeys.community.thread(id, page);
  const data = useQuery({ queryKey: key, queryFn: () => api.get<ThreadData>(`/api/community/threads/${id}`, { page }), placeholderData: keepPreviousData });
  if (!data.data) return <RecordPending query={data} what="主题" />;
  const { thread, posts, total, pageSize } = data.data;

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) void message.success(done);
      await client.invalidateQueries({ queryKey: queryKeys.community.all });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const moderate = (post: CommunityPost, decision: 'hide' | 'restore' | 'approve') => {
    if (decision !== 'hide') {
      void act(() => api.post(`/api/community/posts/${post.id}/moderation`, { decision }), '已处理');
      return;
    }
    prompt(hidePostPrompt(post.id, '已隐藏'));
  };

  const startEdit = (post: CommunityPost) => {
    setEditing(post.id);
    setEditTitle(thread.title);
  };
  const showHistory = (post: CommunityPost) =>
    void api
      .get<PostEdit[]>(`/api/community/posts/${post.id}/edits`)
      .then((edits) => setHistory({ post, edits }))
      .catch((e: unknown) => void message.error(errorMessage(e)));

  return (
    <div className="page">
      <PageHeader
        title={thread.title}
        back={[
          { title: '交流分享', to: '/community' },
          ...(thread.organisationId !== null && thread.organisationName
            ? [{ title: thread.organisationName, to: `/community/organisations/${thread.organisationId}` }]
            : []),
          { title: thread.boardName, to: `/community/boards/${thread.boardId}` },
        ]}
        description={
          <Space wrap size={4}>
            {thread.kind === 'question' ? <Tag color={thread.acceptedPostId ? 'green' : 'blue'}>{thread.acceptedPostId ? '已解决' : '问答'}</Tag> : null}
            {thread.pinned ? <Tag color="red">置顶</Tag> : null}
            {thread.featured ? <Tag color="gold">精华</Tag> : null}
            {thread.locked ? <Tag>已锁定</Tag> : null}
            {STATUS_TAGS[thread.status] ? <Tag color={STATUS_TAGS[thread.status]?.color}>{STATUS_TAGS[thread.status]?.label}</Tag> : null}
          </Space>
        }
        extra={
          <Space wrap size={4}>
            <Button
              size="small"
              icon={<StarOutlined />}
              onClick={() =>
                void act(
                  () => api.put(`/api/community/threads/${id}/subscription`, { subscribed: !thread.subscribed }),
                  thread.subscribed ? '已取消关注' : '已关注，有新回复时会通知您',
                )
              }
            >
              {thread.subscribed ? '取消关注' : '关注'}
            </Button>
            {thread.canModerate ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'pinned', label: thread.pinned ? '取消置顶' : '置顶' },
                    { key: 'featured', label: thread.featured ? '取消精华' : '设为精华' },
                    { key: 'locked', label: thread.locked ? '解除锁定' : '锁定（禁止回复）' },
                  ],
                  onClick: ({ key: flag }) => {
                    const on = !thread[flag as 'pinned' | 'featured' | 'locked'];
                    void act(() => api.put(`/api/community/threads/${id}/flags`, { flag, on }), '已更新');
                  },
                }}
              >
                <Button size="small">管理</Button>
              </Dropdown>
            ) : null}
          </Space>
        }
      />

      {posts.map((p, i) => {
        const accepted = thread.acceptedPostId === p.id;
        return (
          <Card key={p.id} id={`post-${p.id}`} className={`post-card${accepted ? ' accepted' : ''}`} size="small">
            <div className="post-author">
              <span className="post-author-name">{p.authorName}</span>
              {p.authorOrg ? <Typography.Text type="secondary">{p.authorOrg}</Typography.Text> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.isOpening ? '楼主' : `${(page - 1) * pageSize + i}楼`} · {formatDateTimeShort(p.createdAt)}
              </Typography.Text>
              {accepted ? (
                <Tag color="success" icon={<CheckCircleFilled />}>
                  已采纳
                </Tag>
              ) : null}
              {p.editedAt ? (
                <Typography.Text type="secondary" className="post-edited" style={{ fontSize: 12 }}>
                  已编辑 · {formatDateTimeShort(p.editedAt)}
                </Typography.Text>
              ) : null}
              {STATUS_TAGS[p.status] ? <Tag color={STATUS_TAGS[p.status]?.color}>{STATUS_TAGS[p.status]?.label}</Tag> : null}
              {p.openReports > 0 ? <Tag color="red">被举报 {p.openReports}</Tag> : null}
            </div>
            {p.statusReason ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`隐藏理由：${p.statusReason}`} /> : null}
            {editing === p.id ? (
              <div className="post-edit">
                {p.isOpening ? (
                  <Input
                    value={editTitle}
                    onChange={(e) => setEditTitle(e.target.value)}
                    maxLength={100}
                    placeholder="标题"
                    aria-label="标题"
                    style={{ marginBottom: 8 }}
                  />
                ) : null}
                <PostComposer
                  boardId={thread.boardId}
                  submitLabel="保存修改"
                  placeholder="正文"
                  initialHtml={p.bodyHtml}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (payload) => {
                    const r = await api.put<PostEdited>(`/api/community/posts/${p.id}`, p.isOpening ? { ...payload, title: editTitle } : payload);
                    setEditing(null);
                    void message.success(r.status === 'pending' ? '已保存，修改需审核通过后显示' : '已保存修改');
                    await client.invalidateQueries({ queryKey: queryKeys.community.all });
                  }}
                />
              </div>
            ) : (
              /* body_html is sanitised by the server (sanitize-html allow-list) before it is stored */
              <div className="post-body" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
            )}
            {p.attachments.length > 0 ? (
              <div style={{ marginTop: 8 }}>
                {p.attachments.map((a) => (
                  <div key={a.id}>
                    <a href={`/api/community/files/${a.id}`} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {a.name}
                    </a>
                  </div>
                ))}
              </div>
            ) : null}
            <div className="post-actions">
              <Button
                size="small"
                type="text"
                icon={p.liked ? <LikeFilled /> : <LikeOutlined />}
                aria-label={p.likeCount > 0 ? `赞 ${String(p.likeCount)}` : '赞'}
                aria-pressed={p.liked}
                disabled={p.status !== 'published'}
                onClick={() => void act(() => api.put(`/api/community/posts/${p.id}/like`, { liked: !p.liked }))}
              >
                {p.likeCount > 0 ? p.likeCount : '赞'}
              </Button>
              {thread.isAuthor && thread.kind === 'question' && !p.isOpening && !accepted && p.status === 'published' ? (
                <Button
                  size="small"
                  type="text"
                  icon={<CheckCircleFilled />}
                  onClick={() => void act(() => api.post(`/api/community/threads/${id}/accept`, { postId: p.id }), '已采纳为答案')}
                >
                  采纳为答案
                </Button>
              ) : null}
              {p.canEdit && editing !== p.id ? (
                <Button size="small" type="text" icon={<EditOutlined />} onClick={() => startEdit(p)}>
                  编辑
                </Button>
              ) : null}
              {p.editedAt && (thread.canModerate || p.mine) ? (
                <Button size="small" type="text" icon={<HistoryOutlined />} onClick={() => showHistory(p)}>
                  编辑记录
                </Button>
              ) : null}
              {!p.mine ? (
                <Button size="small" type="text" icon={<WarningOutlined />} onClick={() => setReporting(p)}>
                  举报
                </Button>
              ) : null}
              {thread.canModerate && p.status === 'pending' ? (
                <Button size="small" type="link" onClick={() => moderate(p, 'approve')}>
                  审核通过
                </Button>
              ) : null}
              {thread.canModerate && p.status !== 'hidden' ? (
                <Button size="small" type="link" danger onClick={() => moderate(p, 'hide')}>
                  隐藏
                </Button>
              ) : null}
              {thread.canModerate && p.status === 'hidden' ? (
                <Button size="small" type="link" onClick={() => moderate(p, 'restore')}>
                  恢复
                </Button>
              ) : null}
            </div>
          </Card>
        );
      })}
      {total > pageSize ? (
        <Pagination simple current={page} pageSize={pageSize} total={total} onChange={(pg) => setParams({ page: String(pg) })} style={{ marginBottom: 12 }} />
      ) : null}

      {thread.canReply ? (
        <PostComposer
          boardId={thread.boardId}
          submitLabel="回复"
          placeholder={thread.kind === 'question' ? '写下您的回答' : '写下您的回复'}
          onSubmit={async (payload) => {
            const r = await api.post<ReplyCreated>(`/api/community/threads/${id}/replies`, payload);
            void message.success(r.status === 'pending' ? '已提交，审核通过后显示' : '已回复');
            await client.invalidateQueries({ queryKey: queryKeys.community.all });
          }}
        />
      ) : (
        <Alert type="info" showIcon title={thread.locked ? '该主题已锁定，不能回复' : '您没有在该版块回复的权限'} />
      )}

      <Modal title="编辑记录" open={history !== null} footer={null} onCancel={() => setHistory(null)} width={720}>
        {history?.edits.map((e) => (
          <Card key={e.id} size="small" style={{ marginBottom: 8 }} title={`${formatDateTimeShort(e.editedAt)} · ${e.editorName ?? ''} 修改前的内容`}>
            {e.previousTitle !== null ? <Typography.Paragraph strong>标题：{e.previousTitle}</Typography.Paragraph> : null}
            {/* stored bodies were sanitised by the server when they were written */}
            <div className="post-body" dangerouslySetInnerHTML={{ __html: e.previousBodyHtml }} />
          </Card>
        ))}
      </Modal>

      <Modal
        title="举报帖子"
        open={reporting !== null}
        okText="提交举报"
        onCancel={() => setReporting(null)}
        onOk={() =>
          act(async () => {
            if (reporting) await api.post(`/api/community/posts/${reporting.id}/report`, { reason });
            setReporting(null);
            setReason('');
          }, '已举报，管理员将尽快处理')
        }
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="请说明举报理由，如：广告、与主题无关、违规内容"
          maxLength={500}
        />
      </Modal>
    </div>
  );
}
