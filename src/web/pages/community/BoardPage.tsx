import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Pagination, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { ThreadList } from '../../api/community-types';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, Loading } from './shared';
import './community.css';

export default function BoardPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useQuery({ queryKey: ['community', 'board', id, page], queryFn: () => api.get<ThreadList>(`/api/community/boards/${id}/threads`, { page }), placeholderData: keepPreviousData });
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError title="版块加载失败" error={list.error} retry={() => void list.refetch()} />;
  const { board, items, total, pageSize } = list.data;
  return (
    <div className="page">
      <PageHeader
        title={board.name}
        description={[board.organisationName, board.description].filter(Boolean).join(' · ')}
        extra={
          board.canPost ? (
            <Link to={`/community/boards/${id}/new`}>
              <Button type="primary" icon={<EditOutlined />}>
                发帖
              </Button>
            </Link>
          ) : null
        }
      />
      {items.length === 0 ? (
        <Empty description="还没有主题" />
      ) : (
        <List
          className="community-list"
          dataSource={items}
          renderItem={(t) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div className="community-tags">
                  {t.pinned ? <Tag color="red">置顶</Tag> : null}
                  {t.featured ? <Tag color="gold">精华</Tag> : null}
                  {t.kind === 'question' ? <Tag color={t.answered ? 'green' : 'blue'}>{t.answered ? '已解决' : '问答'}</Tag> : null}
                  {t.status === 'pending' ? <Tag color="orange">待审核</Tag> : null}
                  {t.status === 'hidden' ? <Tag>已隐藏</Tag> : null}
                  {t.locked ? <Tag>已锁定</Tag> : null}
                  <Link to={`/community/threads/${t.id}`} className="community-title">
                    {t.title}
                  </Link>
                </div>
                <div className="community-meta">
                  <span>
                    {t.authorName}
                    {t.authorOrg ? ` · ${t.authorOrg}` : ''}
                  </span>
                  <span>回复 {t.replyCount}</span>
                  <span>赞 {t.likeCount}</span>
                  <span>{formatDateTimeShort(t.lastPostedAt)}</span>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      {total > pageSize ? <Pagination simple current={page} pageSize={pageSize} total={total} onChange={(p) => setParams({ page: String(p) })} style={{ marginTop: 12 }} /> : null}
    </div>
  );
}
