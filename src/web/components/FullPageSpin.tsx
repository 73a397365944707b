import { Spin } from 'antd';

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
