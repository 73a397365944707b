import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Input, List, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { BoardListItem, SearchResult } from '../../api/community-types';
import { FilterField, FilterSelect } from '../../components/FilterField';
import { formatDateTimeShort } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { DateRangeFilter, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import './community.css';
import { queryKeys } from '../../api/query-keys';

const INDUSTRIES = 'ABCDEFGHIJKLMNOPQRST'.split('');
const FILTER_KEYS = ['boardId', 'organisationId', 'industry', 'from', 'to'] as const;
const KEYS = ['q', ...FILTER_KEYS] as const;

/** Chinese full-text search: ranked hits with the matched words highlighted (plain text segments, no HTML). */
export default function SearchPage() {
  const isMobile = useIsMobile();
  const url = useUrlFilters(KEYS);
  const { q = '', ...filters } = url.filters;
  const page = url.page;
  const [draftQ, setDraftQ] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (shownQ !== q) {
    setShownQ(q);
    setDraftQ(q);
  }
  const anyFilter = FILTER_KEYS.some((k) => filters[k] !== undefined);
  const boards = useQuery({ queryKey: queryKeys.community.boards, queryFn: () => api.get<BoardListItem[]>('/api/community/boards') });
  const result = useQuery({
    queryKey: queryKeys.community.search(q, page, filters),
    queryFn: () => api.get<SearchResult>('/api/community/search', { q, page, ...filters }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const orgs = [
    ...new Map((boards.data ?? []).filter((b) => b.organisationId !== null).map((b) => [b.organisationId ?? 0, b.organisationName ?? ''])).entries(),
  ];
  return (
    <div className="page">
      <PageHeader title="搜索" back={{ title: '交流分享', to: '/community' }} />
      <FilterBar anyFilter={anyFilter} onReset={() => url.update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>
        <FilterField label="关键词">
          <Input.Search
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
            placeholder="输入关键词，如：质量管理"
            enterButton="搜索"
            onSearch={(v) => url.update({ q: v.trim() || undefined })}
          />
        </FilterField>
        <FilterSelect<number>
          label="组织"
          placeholder="全部组织"
          popupMatchSelectWidth={false}
          value={filters.organisationId ? Number(filters.organisationId) : undefined}
          options={orgs.map(([id, name]) => ({ value: id, label: name }))}
          onChange={(v) => url.update({ organisationId: v })}
        />
        <FilterSelect<number>
          label="版块"
          placeholder="全部版块"
          popupMatchSelectWidth={false}
          value={filters.boardId ? Number(filters.boardId) : undefined}
          options={(boards.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          onChange={(v) => url.update({ boardId: v })}
        />
        <FilterSelect<string>
          label="行业门类"
          placeholder="全部门类"
          value={filters.industry}
          options={INDUSTRIES.map((c) => ({ value: c, label: `门类 ${c}` }))}
          onChange={(v) => url.update({ industry: v })}
        />
        <DateRangeFilter from={filters.from} to={filters.to} isMobile={isMobile} onChange={(from, to) => url.update({ from, to })} />
      </FilterBar>
      {!q ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入关键词开始搜索" />
      ) : (
        <QueryState query={result} what="搜索结果" empty="没有找到相关内容">
          {(data) => (
            <>
              <Typography.Text type="secondary">找到 {data.totalCapped ? `${data.total}+` : data.total} 条结果</Typography.Text>
              <List
                className="community-list"
                dataSource={data.items}
                renderItem={(hit) => (
                  <List.Item>
                    <div style={{ width: '100%' }} className="search-hit">
                      <Link to={hit.link} className="community-title">
                        {hit.title}
                      </Link>
                      <div className="search-snippet">{hit.snippet.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</div>
                      <div className="community-meta">
                        <span>
                          {hit.authorName}
                          {hit.authorOrg ? ` · ${hit.authorOrg}` : ''}
                        </span>
                        {hit.context ? <span>{hit.context}</span> : null}
                        <span>{formatDateTimeShort(hit.createdAt)}</span>
                      </div>
                    </div>
                  </List.Item>
                )}
              />
              {data.total > data.pageSize ? (
                <Pagination
                  align="center"
                  current={page}
                  pageSize={data.pageSize}
                  total={Math.min(data.total, 1000)}
                  showSizeChanger={false}
                  onChange={(p) => url.update({ page: p }, true)}
                />
              ) : null}
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
