import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api/client';

/** What the list pieces read from a TanStack query (a `UseQueryResult` fits). */
export interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/** A query that failed: "加载失败：<reason>" and 重试, which fetches again. */
export function QueryError({ query, what }: { query: Pick<QueryLike<unknown>, 'error' | 'refetch' | 'isFetching'>; what?: string }) {
  return (
    <Alert
      className="form-alert"
      type="error"
      showIcon
      title={`${what ?? ''}加载失败：${errorMessage(query.error)}`}
      action={
        <Button size="small" loading={query.isFetching} onClick={() => void query.refetch()}>
          重试
        </Button>
      }
    />
  );
}

/** The placeholder while a list or card loads for the first time. */
export function LoadingSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div role="status" aria-live="polite" aria-label="加载中">
      <Skeleton active title={false} paragraph={{ rows }} />
    </div>
  );
}

const defaultIsEmpty = (data: unknown) =>
  Array.isArray(data)
    ? data.length === 0
    : typeof data === 'object' && data !== null && 'items' in data && Array.isArray(data.items) && data.items.length === 0;

/**
 * One of three states for a query's content, never two at once: a skeleton while it first loads, the error with
 * 重试 when it failed, an Empty with the page's own text when it loaded nothing (arrays and `Page`s by default,
 * else `isEmpty`), and otherwise `children` with the data.
 */
export function QueryState<T>({
  query,
  empty,
  isEmpty = defaultIsEmpty,
  what,
  rows,
  children,
}: {
  query: QueryLike<T>;
  /** shown when loaded and empty; without it an empty result goes to `children` */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  /** named in the error: "<what>加载失败：…" */
  what?: string;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <QueryError query={query} what={what} />;
  if (query.isPending || query.data === undefined) return <LoadingSkeleton rows={rows} />;
  if (empty !== undefined && isEmpty(query.data)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return <>{children(query.data)}</>;
}
