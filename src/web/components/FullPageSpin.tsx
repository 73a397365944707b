import { Alert, Button, Spin } from 'antd';
import { errorMessage } from '../api/client';

export function FullPageSpin({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div className="full-page-spin" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="full-page-spin-tip">{tip}</span>
    </div>
  );
}

/** The placeholder while a page's code chunk loads inside the shell. */
export function PageSpin() {
  return (
    <div className="page-spin" role="status" aria-live="polite">
      <Spin />
    </div>
  );
}

/**
 * What a detail page shows before its record is there: the spinner while loading, an error card naming what
 * failed with 重试 (a TanStack query's `refetch`); null once the data is in (the page then renders it).
 */
export function RecordPending({
  query,
  what,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; isFetching?: boolean; refetch?: () => Promise<unknown> };
  what: string;
}) {
  if (query.isPending) return <PageSpin />;
  if (query.isError) {
    const { refetch } = query;
    return (
      <div className="page">
        <Alert
          type="error"
          showIcon
          title={`${what}加载失败`}
          description={errorMessage(query.error)}
          action={
            refetch ? (
              <Button size="small" loading={query.isFetching} onClick={() => void refetch()}>
                重试
              </Button>
            ) : undefined
          }
        />
      </div>
    );
  }
  return null;
}
