import { Empty, Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useIsMobile } from '../use-is-mobile';
import { LoadingSkeleton, QueryError, type QueryLike } from './QueryState';

/**
 * An unpaged list's table: the server sends the whole list (one array query) and the table pages it on the client.
 * Like `ListTable` it shows exactly one state: a skeleton while the list first loads, the error with 重试 when it
 * failed (no empty table beside it), else the table, with `empty` as its empty text. Pages of 20 with "共 N 条"
 * (hidden while one page holds everything) unless `pagination` changes them or is `false`; wide tables scroll
 * sideways inside the table.
 */
export function QueryTable<T extends object>({
  query,
  empty,
  what,
  rows = 5,
  totalText = (n) => `共 ${String(n)} 条`,
  pagination,
  ...table
}: Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale' | 'pagination'> & {
  query: QueryLike<readonly T[]>;
  /** the page's own words for an empty list (e.g. 暂无待核验的申请) */
  empty: ReactNode;
  /** named in the error: "<what>加载失败：…" */
  what?: string;
  /** the skeleton's rows while the list first loads */
  rows?: number;
  /** the total's wording, "共 N 条" unless given (e.g. n => `共 ${n} 门`) */
  totalText?: (n: number) => string;
  /** the client-side pages, over the defaults; `false` for one long table */
  pagination?: false | TablePaginationConfig;
}) {
  const isMobile = useIsMobile();
  if (query.isError) return <QueryError query={query} what={what} />;
  if (query.isPending || query.data === undefined) return <LoadingSkeleton rows={rows} />;
  return (
    <Table<T>
      size={isMobile ? 'small' : 'middle'}
      scroll={{ x: 'max-content' }}
      {...table}
      dataSource={query.data}
      loading={query.isFetching}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      pagination={
        pagination === false ? false : { pageSize: 20, hideOnSinglePage: true, showTotal: totalText, size: isMobile ? 'small' : 'middle', ...pagination }
      }
    />
  );
}
