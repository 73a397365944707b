import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { QueueItem, SensitiveWord } from '../../api/community-types';
import { useMe } from '../../auth/session';
import { useConfirmAction } from '../../components/confirm-action';
import { formatDateTimeShort } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { hidePostPrompt } from './hide-post';
import './community.css';

/** 内容审核: posts waiting in pre-moderated boards and reported posts; the sensitive-word list. */
export default function ModerationPage() {
  const me = useMe();
  const isBureau = me.abilities.communityBureau;
  return (
    <div className="page">
      <PageHeader title="内容审核" description="先审后发版块的待审帖子、被举报的帖子，以及敏感词" />
      <Tabs
        items={[{ key: 'queue', label: '审核队列', children: <Queue /> }, ...(isBureau ? [{ key: 'words', label: '全省敏感词', children: <Words /> }] : [])]}
      />
    </div>
  );
}

function Queue() {
  const { prompt, run } = useConfirmAction();
  const queue = useQuery({ queryKey: queryKeys.community.queue, queryFn: () => api.get<QueueItem[]>('/api/community/moderation/queue') });
  const decide = (item: QueueItem, decision: 'approve' | 'hide' | 'dismiss') =>
    decision === 'hide'
      ? prompt(hidePostPrompt(item.postId, '已处理'))
      : void run({
          action: () => api.post(`/api/community/posts/${item.postId}/moderation`, { decision }),
          success: '已处理',
          invalidate: [queryKeys.community.all],
        });
  return (
    <QueryState query={queue} what="审核队列" empty="没有待处理的帖子">
      {(items) => (
        <List
          className="community-list moderation-queue"
          dataSource={items}
          renderItem={(item) => (
            <Card size="small" style={{ marginBottom: 12 }}>
              <Space wrap size={4}>
                {item.status === 'pending' ? <Tag color="orange">待审核</Tag> : null}
                {item.reports.length > 0 ? <Tag color="red">举报 {item.reports.length}</Tag> : null}
                <Tag>{item.boardName}</Tag>
                <Link to={`/community/threads/${item.threadId}#post-${item.postId}`} className="community-title">
                  {item.isOpening ? item.title : `回复：${item.title}`}
                </Link>
              </Space>
              <div className="community-meta">
                <span>
                  {item.authorName}
                  {item.authorOrg ? ` · ${item.authorOrg}` : ''}
                </span>
                <span>{formatDateTimeShort(item.createdAt)}</span>
              </div>
              {/* sanitised by the server before it was stored */}
              <div className="post-body" style={{ margin: '8px 0' }} dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
              {item.reports.map((r) => (
                <Typography.Paragraph key={r.id} type="danger" style={{ marginBottom: 4 }}>
                  举报理由：{r.reason}
                </Typography.Paragraph>
              ))}
              <Space wrap>
                {item.status === 'pending' ? (
                  <Button type="primary" size="small" onClick={() => decide(item, 'approve')}>
                    通过
                  </Button>
                ) : null}
                <Button danger size="small" onClick={() => decide(item, 'hide')}>
                  隐藏
                </Button>
                {item.reports.length > 0 ? (
                  <Button size="small" onClick={() => decide(item, 'dismiss')}>
                    驳回举报
                  </Button>
                ) : null}
              </Space>
            </Card>
          )}
        />
      )}
    </QueryState>
  );
}

function Words() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [word, setWord] = useState('');
  const words = useQuery({ queryKey: queryKeys.community.words, queryFn: () => api.get<SensitiveWord[]>('/api/community/sensitive-words') });
  const run = (fn: () => Promise<unknown>) =>
    fn()
      .then(() => client.invalidateQueries({ queryKey: queryKeys.community.words }))
      .catch((e: unknown) => void message.error(errorMessage(e)));
  return (
    <div>
      <Space.Compact style={{ width: '100%', maxWidth: 420, marginBottom: 12 }}>
        <Input value={word} onChange={(e) => setWord(e.target.value)} placeholder="新增敏感词" maxLength={30} />
        <Button
          type="primary"
          onClick={() =>
            void run(async () => {
              await api.post('/api/community/sensitive-words', { word });
              setWord('');
            })
          }
        >
          添加
        </Button>
      </Space.Compact>
      <QueryState query={words} what="敏感词" empty="暂无敏感词">
        {(list) => (
          <div>
            {list.map((w) => (
              <Tag
                key={w.id}
                closable
                onClose={(e) => {
                  e.preventDefault();
                  void run(() => api.delete(`/api/community/sensitive-words/${w.id}`));
                }}
                style={{ marginBottom: 8 }}
              >
                {w.word}
              </Tag>
            ))}
          </div>
        )}
      </QueryState>
    </div>
  );
}
