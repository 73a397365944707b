import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Pagination, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CASE_TOOLS } from '../../../domain/community-cases';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { CaseHit, Page } from '../../api/community-case-types';
import { SECTION_OPTIONS } from '../../components/enterprise-dict';
import { formatDate } from '../../components/format';
import { FilterField, FilterSelect } from '../../components/FilterField';
import { FilterBar } from '../../components/list/FilterBar';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { DateRangeFilter, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { useSession } from '../../auth/session';
import { FeaturedTag, sectionLabel, Snippet } from './parts';

const FILTER_KEYS = ['q', 'industrySection', 'tool', 'from', 'to'] as const;

/** 经验案例库: published cases with full-text search (jieba words, ranked, highlighted) and filters, all in the address bar. */
export default function CaseLibraryPage() {
  const { hasPermission } = useSession();
  const isMobile = useIsMobile();
  const url = useUrlFilters(FILTER_KEYS);
  const f = url.filters;
  const [draftQ, setDraftQ] = useState(f.q ?? '');
  const [shownQ, setShownQ] = useState(f.q);
  if (shownQ !== f.q) {
    setShownQ(f.q);
    setDraftQ(f.q ?? '');
  }
  const query = { ...f, page: url.page, pageSize: 10 };
  const cases = useQuery({
    queryKey: queryKeys.communityCases.list(query),
    queryFn: () => api.get<Page<CaseHit>>('/api/community/cases', query),
    placeholderData: keepPreviousData,
  });

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
      <FilterBar anyFilter={url.anyFilter} onReset={url.reset}>
        <FilterField label="关键词">
          <Input.Search
            className="case-search"
            placeholder="搜索案例，如：质量管理、焊接"
            allowClear
            enterButton="搜索"
            value={draftQ}
            onChange={(e) => {
              setDraftQ(e.target.value);
              if (!e.target.value) url.update({ q: undefined });
            }}
            onSearch={(v) => url.update({ q: v.trim() || undefined })}
          />
        </FilterField>
        <FilterSelect<string>
          label="行业门类"
          placeholder="全部门类"
          options={SECTION_OPTIONS}
          value={f.industrySection}
          onChange={(v) => url.update({ industrySection: v })}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <FilterSelect<string>
          label="质量工具"
          placeholder="全部工具"
          options={CASE_TOOLS.map((t) => ({ value: t, label: t }))}
          value={f.tool}
          onChange={(v) => url.update({ tool: v })}
        />
        <DateRangeFilter from={f.from} to={f.to} isMobile={isMobile} onChange={(from, to) => url.update({ from, to })} />
      </FilterBar>
      <QueryState query={cases} what="案例" empty={f.q ? `没有找到与“${f.q}”相关的案例` : url.anyFilter ? '没有符合条件的案例' : '暂无案例'}>
        {(data) => (
          <>
            {data.items.map((c) => (
              <Card
                key={c.id}
                size="small"
                className="case-card"
                title={<Link to={`/community/cases/${c.id}`}>{c.title}</Link>}
                extra={<FeaturedTag featured={c.featured} />}
              >
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
            <Pagination
              align="center"
              current={url.page}
              pageSize={10}
              total={data.total}
              showSizeChanger={false}
              onChange={(page) => url.update({ page }, true)}
              showTotal={(n) => `共 ${n} 篇`}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}
