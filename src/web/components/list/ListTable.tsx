import { Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { Page } from '../../api/types';
import type { UrlPaging } from '../url-filters';
import { useIsMobile } from '../use-is-mobile';
import { LoadingSkeleton, QueryError, type QueryLike } from './QueryState';

/**
 * A server-paged list: the table of one `Page` query, its page, page size and sort in the address bar (`paging` is
 * `useUrlFilters`), the server's total as "共 N 条". While the first page loads a skeleton stands in; a failed load
 * shows only the error with 重试 (no empty table beside it); a loaded empty page shows `empty`. Wide tables scroll
 * sideways inside the table, not the page.
 */
export function ListTable<T extends object>({
  query,
  paging,
  empty,
  what,
  totalText,
  onChange,
  ...table
}: Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'locale'> & {
  query: QueryLike<Page<T>>;
  paging: UrlPaging;
  /** the page's own words for an empty result (e.g. 没有符合条件的企业) */
  empty: ReactNode;
  /** named in the error: "<what>加载失败：…" */
  what?: string;
  /** the total's wording, "共 N 条" unless given (e.g. n => `共 ${n} 家企业`) */
  totalText?: (n: number) => string;
}) {
  const isMobile = useIsMobile();
  if (query.isError) return <QueryError query={query} what={what} />;
  if (query.isPending || query.data === undefined) return <LoadingSkeleton rows={8} />;
  const page = query.data;
  const onTableChange: TableProps<T>['onChange'] = (pagination, filters, sorter, extra) => {
    if (extra.action === 'sort' && !Array.isArray(sorter))
      paging.sortBy(sorter.columnKey === undefined ? undefined : String(sorter.columnKey), sorter.order ?? null);
    onChange?.(pagination, filters, sorter, extra);
  };
  return (
    <Table<T>
      size={isMobile ? 'small' : 'middle'}
      scroll={{ x: 'max-content' }}
      showSorterTooltip={false}
      {...table}
      dataSource={page.items}
      loading={query.isFetching}
      onChange={onTableChange}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      pagination={paging.pagination(page.total, isMobile, totalText)}
    />
  );
}
