import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Pagination, Spin, Tag } from 'antd';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { BlacklistNotice } from '../../api/supervision-types';
import { formatDate } from '../../components/format';
import { QueryError } from '../../components/list/QueryState';
import { PublicShell } from './PublicShell';
import { queryKeys } from '../../api/query-keys';

const STATUS_COLORS: Record<BlacklistNotice['status'], string> = { in_force: 'red', pending: 'orange', expired: 'default', removed: 'blue' };

/** 黑名单公告 (public): the province's blacklist decisions, the officer's name masked. */
export default function BlacklistNoticesPage() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const notices = useQuery({
    queryKey: queryKeys.public.blacklistNotices(q, page),
    queryFn: ({ signal }) => api.get<Page<BlacklistNotice>>('/api/public/blacklist-notices', { q, page, pageSize: 10 }, signal),
    placeholderData: keepPreviousData,
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
    setPage(1);
  };
  return (
    <PublicShell
      title="首席质量官黑名单公告"
      footnote="依据《江苏省企业首席质量官制度》，对因责任心不强、履职不到位造成重大质量安全事故的首席质量官列入黑名单，禁入期内任何企业不得聘任其为首席质量官并办理备案。当事人姓名已作脱敏处理。"
    >
      <form className="verify-card public-card public-search" onSubmit={search}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="企业名称、统一社会信用代码或公告编号"
          maxLength={60}
          allowClear
          aria-label="搜索公告"
        />
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </form>
      <div className="verify-card">
        {notices.isError ? (
          <QueryError query={notices} what="公告" />
        ) : notices.isPending ? (
          <div className="public-card">
            <Spin />
          </div>
        ) : notices.data.items.length > 0 ? (
          notices.data.items.map((n) => (
            <article className="notice-item" key={n.noticeNo}>
              <div className="notice-head">
                <span className="notice-no">{n.noticeNo}</span>
                <Tag color={STATUS_COLORS[n.status]}>{n.statusLabel}</Tag>
              </div>
              <div>
                {n.personNameMasked} · {n.enterpriseName}
              </div>
              <div className="notice-meta mono">{n.uscc}</div>
              <div className="notice-reason">{n.reason}</div>
              <div className="notice-meta">
                禁入期 {n.banStart} 至 {n.banEnd} · 发布于 {formatDate(n.publishedAt)}
              </div>
              {n.withdrawnAt ? (
                <div className="notice-meta">
                  {formatDate(n.withdrawnAt)} 已移除：{n.withdrawnReason}
                </div>
              ) : null}
            </article>
          ))
        ) : (
          <div className="public-card">
            <Empty description={q ? '没有符合条件的公告' : '暂无黑名单公告'} />
          </div>
        )}
      </div>
      {notices.data && notices.data.total > 10 ? (
        <Pagination align="center" current={page} pageSize={10} total={notices.data.total} onChange={setPage} showSizeChanger={false} size="small" />
      ) : null}
    </PublicShell>
  );
}
