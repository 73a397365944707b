import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { ThreadCreated, ThreadList } from '../../api/community-types';
import { RecordPending } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { PostComposer } from './PostComposer';
import './community.css';
import { queryKeys } from '../../api/query-keys';

export default function NewThreadPage() {
  const boardId = Number(useParams().id);
  const navigate = useNavigate();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'discussion' | 'question'>('discussion');
  const board = useQuery({
    queryKey: queryKeys.community.board(boardId, 1),
    queryFn: () => api.get<ThreadList>(`/api/community/boards/${boardId}/threads`, { page: 1 }),
  });
  if (!board.data) return <RecordPending query={board} what="版块" />;
  const b = board.data.board;
  return (
    <div className="page">
      <PageHeader
        title="发表主题"
        back={[
          { title: '交流分享', to: '/community' },
          ...(b.organisationId !== null && b.organisationName ? [{ title: b.organisationName, to: `/community/organisations/${b.organisationId}` }] : []),
          { title: b.name, to: `/community/boards/${boardId}` },
        ]}
        description={`${b.organisationName ? `${b.organisationName} · ` : ''}${b.name}`}
      />
      {b.moderation === 'pre' ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本版块先审后发：管理员审核通过后，其他人才能看到您的主题。" />
      ) : null}
      <Form layout="vertical">
        <Form.Item label="类型">
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as 'discussion' | 'question')}
            optionType="button"
            options={[
              { value: 'discussion', label: '讨论' },
              { value: 'question', label: '提问' },
            ]}
          />
        </Form.Item>
        <Form.Item label="标题" required>
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} showCount placeholder="一句话说明主题（4–100 字）" />
        </Form.Item>
        <Form.Item label="正文" required>
          <PostComposer
            boardId={boardId}
            submitLabel="发布"
            placeholder="请输入正文，可插入图片、附件，@提及其他首席质量官"
            onSubmit={async (payload) => {
              const created = await api.post<ThreadCreated>(`/api/community/boards/${boardId}/threads`, { ...payload, title, kind });
              await client.invalidateQueries({ queryKey: queryKeys.community.all });
              await navigate(`/community/threads/${created.id}`);
            }}
          />
        </Form.Item>
      </Form>
    </div>
  );
}
