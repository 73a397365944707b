import { Button } from 'antd';
import type { ReactNode } from 'react';

/**
 * The row of a list's filters above its table, wrapping on narrow screens. Every filter in it carries a visible
 * label (`FilterField`, `FilterSelect`, `UrlKeyword`, `UnitFilter`, `DateRangeFilter`), not a placeholder alone.
 * With `onReset`, 清空筛选 appears once any filter is set.
 */
export function FilterBar({
  children,
  anyFilter,
  onReset,
  label = '筛选条件',
}: {
  children: ReactNode;
  anyFilter?: boolean;
  onReset?: () => void;
  label?: string;
}) {
  return (
    <div className="filter-bar" role="group" aria-label={label}>
      {children}
      {onReset && anyFilter ? (
        <Button type="link" onClick={onReset}>
          清空筛选
        </Button>
      ) : null}
    </div>
  );
}
