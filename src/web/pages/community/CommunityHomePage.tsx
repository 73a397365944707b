import { MessageOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { BoardListItem } from '../../api/community-types';
import { formatDateTimeShort } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import './community.css';
import { queryKeys } from '../../api/query-keys';

/** 交流分享: search, then the boards the caller can read, public ones first, then those of each organisation. */
export default function CommunityHomePage() {
  const navigate = useNavigate();
  const boards = useQuery({ queryKey: queryKeys.community.boards, queryFn: () => api.get<BoardListItem[]>('/api/community/boards') });
  return (
    <div className="page">
      <PageHeader
        title="交流分享"
        description="全省首席质量官交流质量管理经验、互助答疑"
        extra={
          <Link to="/community/organisations">
            <Button icon={<TeamOutlined />}>联盟与之家</Button>
          </Link>
        }
      />
      <Input.Search
        className="community-search"
        placeholder="搜索主题和回复，如：质量管理"
        enterButton="搜索"
        allowClear
        onSearch={(q) => q.trim() && void navigate(`/community/search?q=${encodeURIComponent(q.trim())}`)}
      />
      <QueryState query={boards} what="版块" empty="暂无可阅读的版块，加入联盟或之家后可参与交流">
        {(data) =>
          groupByOrganisation(data).map(([group, list]) => (
            <Card key={group} size="small" title={group} style={{ marginBottom: 12 }}>
              <List
                className="community-list"
                dataSource={list}
                renderItem={(b) => (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Link to={`/community/boards/${b.id}`} className="community-title">
                        <MessageOutlined /> {b.name}
                      </Link>
                      {b.description ? <div className="community-meta">{b.description}</div> : null}
                      <div className="community-meta community-tags">
                        <span>{b.threadCount} 个主题</span>
                        {b.lastPostedAt ? <span>最新 {formatDateTimeShort(b.lastPostedAt)}</span> : null}
                        {b.readAccess === 'members' ? <Tag>仅成员</Tag> : null}
                        {b.moderation === 'pre' ? <Tag color="orange">先审后发</Tag> : null}
                        {b.status === 'closed' ? <Tag>已关闭</Tag> : null}
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          ))
        }
      </QueryState>
    </div>
  );
}

/** Public boards under 公共版块, the others under their organisation's name, in the server's order. */
function groupByOrganisation(boards: BoardListItem[]): [string, BoardListItem[]][] {
  const groups = new Map<string, BoardListItem[]>();
  for (const b of boards) {
    const key = b.organisationName ?? '公共版块';
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  return [...groups.entries()];
}
