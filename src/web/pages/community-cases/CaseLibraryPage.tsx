import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Input, Pagination, Select, Space, Spin, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { CASE_TOOLS } from '../../../domain/community-cases';
import { api, errorMessage } from '../../api/client';
import type { CaseHit, Page } from '../../api/community-case-types';
import { SECTION_OPTIONS } from '../../components/enterprise-dict';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../auth/session';
import { FeaturedTag, sectionLabel, Snippet } from './parts';

interface Filters {
  q: string;
  industrySection?: string;
  tool?: string;
  range: [Dayjs | null, Dayjs | null] | null;
  page: number;
}

/** 经验案例库: published cases with full-text search (jieba words, ranked, highlighted) and filters. */
export default function CaseLibraryPage() {
  const { hasPermission } = useSession();
  const [draftQ, setDraftQ] = useState('');
  const [f, setF] = useState<Filters>({ q: '', range: null, page: 1 });
  const query = {
    q: f.q || undefined,
    industrySection: f.industrySection,
    tool: f.tool,
    from: f.range?.[0]?.format('YYYY-MM-DD'),
    to: f.range?.[1]?.format('YYYY-MM-DD'),
    page: f.page,
    pageSize: 10,
  };
  const cases = useQuery({ queryKey: ['community-cases', query], queryFn: () => api.get<Page<CaseHit>>('/api/community/cases', query) });

  return (
    <div className="page">
      <PageHeader
        title="经验案例"
        description="首席质量官分享的质量攻关、QC小组、六西格玛等实践经验，经主管部门审核后发布。"
        extra={
          hasPermission('community:participate') ? (
            <Link to="/community/my-cases">
              <Button type="primary">我的案例</Button>
            </Link>
          ) : null
        }
      />
      <div className="case-filters">
        <Input.Search
          className="case-search"
          placeholder="搜索案例，如：质量管理、焊接"
          allowClear
          enterButton="搜索"
          value={draftQ}
          onChange={(e) => setDraftQ(e.target.value)}
          onSearch={(v) => setF((s) => ({ ...s, q: v.trim(), page: 1 }))}
          aria-label="搜索案例"
        />
        <Select allowClear placeholder="行业门类" options={SECTION_OPTIONS} value={f.industrySection ?? null} onChange={(v: string | null) => setF((s) => ({ ...s, industrySection: v ?? undefined, page: 1 }))} showSearch={{ optionFilterProp: 'label' }} />
        <Select allowClear placeholder="质量工具" options={CASE_TOOLS.map((t) => ({ value: t, label: t }))} value={f.tool ?? null} onChange={(v: string | null) => setF((s) => ({ ...s, tool: v ?? undefined, page: 1 }))} />
        <DatePicker.RangePicker placeholder={['发布日期从', '至']} value={f.range} onChange={(v) => setF((s) => ({ ...s, range: v, page: 1 }))} />
      </div>
      {cases.isError ? <Alert type="error" showIcon title="案例加载失败" description={errorMessage(cases.error)} /> : null}
      {cases.isPending ? (
        <div className="page-spin">
          <Spin />
        </div>
      ) : null}
      {cases.data ? (
        cases.data.items.length === 0 ? (
          <Empty description={f.q ? `没有找到与“${f.q}”相关的案例` : '暂无案例'} />
        ) : (
          <>
            {cases.data.items.map((c) => (
              <Card key={c.id} size="small" className="case-card" title={<Link to={`/community/cases/${c.id}`}>{c.title}</Link>} extra={<FeaturedTag featured={c.featured} />}>
                <div className="case-meta">
                  <span>{c.authorName}</span>
                  {c.enterpriseName ? <span>{c.enterpriseName}</span> : null}
                  <span>{sectionLabel(c.industrySection)}</span>
                  <span>{formatDate(c.publishedAt)}</span>
                </div>
                <Snippet parts={c.snippet} />
                <Space size={[4, 4]} wrap>
                  {c.tools.map((t) => (
                    <Tag key={t}>{t}</Tag>
                  ))}
                </Space>
              </Card>
            ))}
            <Pagination align="center" current={f.page} pageSize={10} total={cases.data.total} showSizeChanger={false} onChange={(page) => setF((s) => ({ ...s, page }))} showTotal={(n) => `共 ${n} 篇`} />
          </>
        )
      ) : null}
    </div>
  );
}
