import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, List, Pagination, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { ThreadList } from '../../api/community-types';
import { formatDateTimeShort } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader, type Crumb } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import './community.css';
import { queryKeys } from '../../api/query-keys';

const NO_FILTERS = [] as const;

/** A board: its threads, newest activity first, the page in the address bar; 交流分享 › 组织 › 版块 above it. */
export default function BoardPage() {
  const id = Number(useParams().id);
  const url = useUrlFilters(NO_FILTERS);
  const page = url.page;
  const list = useQuery({
    queryKey: queryKeys.community.board(id, page),
    queryFn: () => api.get<ThreadList>(`/api/community/boards/${id}/threads`, { page }),
    placeholderData: keepPreviousData,
  });
  const board = list.data?.board;
  const back: Crumb[] = [
    { title: '交流分享', to: '/community' },
    ...(board && board.organisationId !== null && board.organisationName
      ? [{ title: board.organisationName, to: `/community/organisations/${board.organisationId}` }]
      : []),
  ];
  return (
    <div className="page">
      <PageHeader
        title={board?.name ?? '版块'}
        back={back}
        description={board ? [board.organisationName, board.description].filter(Boolean).join(' · ') : undefined}
        extra={
          board?.canPost ? (
            <Link to={`/community/boards/${id}/new`}>
              <Button type="primary" icon={<EditOutlined />}>
                发帖
              </Button>
            </Link>
          ) : null
        }
      />
      <QueryState query={list} what="版块" empty="还没有主题">
        {({ items, total, pageSize }) => (
          <>
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
            {total > pageSize ? (
              <Pagination
                align="center"
                current={page}
                pageSize={pageSize}
                total={total}
                showSizeChanger={false}
                showTotal={(n) => `共 ${n} 个主题`}
                onChange={(p) => url.update({ page: p }, true)}
                style={{ marginTop: 12 }}
              />
            ) : null}
          </>
        )}
      </QueryState>
    </div>
  );
}
