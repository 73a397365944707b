import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Empty, Input, List, Pagination, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { BoardListItem, SearchResult } from '../../api/community-types';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, Loading } from './shared';
import './community.css';

const INDUSTRIES = 'ABCDEFGHIJKLMNOPQRST'.split('');

/** Chinese full-text search: ranked hits with the matched words highlighted (plain text segments, no HTML). */
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = { boardId: params.get('boardId') ?? undefined, organisationId: params.get('organisationId') ?? undefined, industry: params.get('industry') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const boards = useQuery({ queryKey: ['community', 'boards'], queryFn: () => api.get<BoardListItem[]>('/api/community/boards') });
  const result = useQuery({
    queryKey: ['community', 'search', q, page, filters],
    queryFn: () => api.get<SearchResult>('/api/community/search', { q, page, ...filters }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const set = (next: Record<string, string | undefined>) => {
    const merged: Record<string, string | undefined> = { q, ...filters, ...next };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v) out[k] = v;
    setParams(out);
  };
  const orgs = [...new Map((boards.data ?? []).filter((b) => b.organisationId !== null).map((b) => [b.organisationId, b.organisationName])).entries()];
  return (
    <div className="page">
      <PageHeader title="搜索" />
      <Input.Search className="community-search" defaultValue={q} placeholder="输入关键词，如：质量管理" enterButton="搜索" onSearch={(v) => set({ q: v.trim(), page: undefined })} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="组织" style={{ width: 180 }} value={filters.organisationId ? Number(filters.organisationId) : undefined} options={orgs.map(([id, name]) => ({ value: id ?? 0, label: name }))} onChange={(v: number | undefined) => set({ organisationId: v ? String(v) : undefined, page: undefined })} />
        <Select allowClear placeholder="版块" style={{ width: 160 }} value={filters.boardId ? Number(filters.boardId) : undefined} options={(boards.data ?? []).map((b) => ({ value: b.id, label: b.name }))} onChange={(v: number | undefined) => set({ boardId: v ? String(v) : undefined, page: undefined })} />
        <Select allowClear placeholder="行业门类" style={{ width: 110 }} value={filters.industry} options={INDUSTRIES.map((c) => ({ value: c, label: `门类 ${c}` }))} onChange={(v: string | undefined) => set({ industry: v, page: undefined })} />
        <DatePicker.RangePicker
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: undefined })}
        />
      </Space>
      {!q ? (
        <Empty description="输入关键词开始搜索" />
      ) : result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <LoadError title="搜索失败" error={result.error} retry={() => void result.refetch()} />
      ) : result.data.items.length === 0 ? (
        <Empty description="没有找到相关内容" />
      ) : (
        <>
          <Typography.Text type="secondary">找到 {result.data.totalCapped ? `${result.data.total}+` : result.data.total} 条结果</Typography.Text>
          <List
            className="community-list"
            dataSource={result.data.items}
            renderItem={(hit) => (
              <List.Item>
                <div style={{ width: '100%' }} className="search-hit">
                  <Link to={hit.link} className="community-title">
                    {hit.title}
                  </Link>
                  <div className="search-snippet">
                    {hit.snippet.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
                  </div>
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
          {result.data.total > result.data.pageSize ? <Pagination simple current={page} pageSize={result.data.pageSize} total={Math.min(result.data.total, 1000)} onChange={(p) => set({ page: String(p) })} /> : null}
        </>
      )}
    </div>
  );
}
