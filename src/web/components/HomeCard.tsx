import { Skeleton } from 'antd';
import type { ReactNode } from 'react';

interface HomeCardProps {
  title?: ReactNode;
  size?: 'small';
  /** antd's `variant="borderless"`: a soft shadow instead of the border. */
  borderless?: boolean;
  hoverable?: boolean;
  loading?: boolean;
  className?: string;
  children?: ReactNode;
}

/**
 * antd's Card look (styles.css, `.home-card`) for the home page, without antd's Card: that one imports Tabs (and
 * with it the overflow menu) statically, about 25 KB gzipped that the officer's phone home would fetch before its
 * first paint (scripts/bundle-budget.mjs). Other pages keep antd's Card.
 */
export function HomeCard({ title, size, borderless, hoverable, loading, className, children }: HomeCardProps) {
  const classes = [
    'home-card',
    size === 'small' ? 'home-card-small' : '',
    borderless ? '' : 'home-card-bordered',
    hoverable ? 'home-card-hoverable' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes}>
      {title ? (
        <div className="home-card-head">
          <div className="home-card-head-title">{title}</div>
        </div>
      ) : null}
      <div className="home-card-body">{loading ? <Skeleton loading active paragraph={{ rows: 4 }} title={false} /> : children}</div>
    </div>
  );
}
