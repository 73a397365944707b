import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { CommunityCredits, MyCases } from '../../api/community-case-types';
import { formatDate, formatDateTimeShort } from '../../components/format';
import { QueryError, QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { CaseStatusTag, FeaturedTag } from './parts';
import { queryKeys } from '../../api/query-keys';

/** The officer's own cases in every state, and the community lines of this year's study account. */
export default function MyCasesPage() {
  const cases = useQuery({ queryKey: queryKeys.communityCases.mine, queryFn: () => api.get<MyCases>('/api/community/cases/mine') });
  return (
    <div className="page">
      <PageHeader
        title="我的案例"
        description="分享本企业的质量改进经验。提交后由主管市场监管部门审核，发布后按省局规则计入年度学时。"
        extra={
          <Link to="/community/my-cases/new">
            <Button type="primary" icon={<PlusOutlined />}>
              新建案例
            </Button>
          </Link>
        }
      />
      <CreditsCard />
      <Card size="small" className="block-card" title="案例">
        <QueryState query={cases} what="案例" empty="还没有案例" isEmpty={(d) => d.items.length === 0}>
          {(data) => (
            <List
              dataSource={data.items}
              renderItem={(c) => (
                <List.Item key={c.id}>
                  <List.Item.Meta
                    title={
                      <Space size={[4, 4]} wrap>
                        <Link to={`/community/cases/${c.id}`}>{c.title}</Link>
                        <CaseStatusTag status={c.status} />
                        <FeaturedTag featured={c.featured} />
                      </Space>
                    }
                    description={
                      <>
                        <div>{c.publishedAt ? `发布于 ${formatDate(c.publishedAt)}` : `更新于 ${formatDateTimeShort(c.updatedAt)}`}</div>
                        {c.reviewRemarks && c.status === 'returned' ? <Typography.Text type="warning">审核意见：{c.reviewRemarks}</Typography.Text> : null}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </Card>
    </div>
  );
}

function CreditsCard() {
  const credits = useQuery({ queryKey: queryKeys.communityCases.credits, queryFn: () => api.get<CommunityCredits>('/api/community/credits/me') });
  if (credits.isError) return <QueryError query={credits} what="交流分享学时" />;
  if (!credits.data) return null;
  const c = credits.data;
  return (
    <Card size="small" className="block-card" title={`${c.year} 年交流分享学时`}>
      <Progress
        percent={c.capMinutes > 0 ? Math.min(100, Math.round((c.totalMinutes / c.capMinutes) * 100)) : 0}
        format={() => `${c.totalMinutes} / ${c.capMinutes} 分钟`}
        aria-label="交流分享学时进度"
      />
      {c.lines.length === 0 ? (
        <Typography.Text type="secondary">发布案例、参加交流活动签到后，学时记入此处。</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={c.lines}
          renderItem={(l) => (
            <List.Item key={l.sourceRef} extra={l.status === 'credited' ? <Tag color="success">{l.minutes} 分钟</Tag> : <Tag>已撤销</Tag>}>
              <List.Item.Meta title={l.title} description={l.status === 'revoked' && l.statusReason ? `${l.occurredOn} · ${l.statusReason}` : l.occurredOn} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
