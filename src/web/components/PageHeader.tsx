import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { listHref } from './list/list-href';

/** A page above this one: its title and path. A list page's link returns to it with the filters it had. */
export interface Crumb {
  title: string;
  to: string;
}

/**
 * The title row of a page: the title on the left, actions on the right (wrapping below on phones). A detail page
 * names the pages above it in `back` (e.g. 企业名录 › 某企业): the breadcrumb is the one way back.
 */
export function PageHeader({
  title,
  description,
  extra,
  back,
}: {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
  back?: Crumb | readonly Crumb[];
}) {
  const crumbs = back === undefined ? [] : 'to' in back ? [back] : back;
  return (
    <>
      {crumbs.length > 0 ? (
        <Breadcrumb
          className="page-breadcrumb"
          items={[...crumbs.map((c) => ({ key: c.to, title: <Link to={listHref(c.to)}>{c.title}</Link> })), { key: 'current', title }]}
        />
      ) : null}
      <div className="page-header">
        <div className="page-header-text">
          <Typography.Title level={4} className="page-header-title">
            {title}
          </Typography.Title>
          {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
        </div>
        {extra ? <div className="page-header-extra">{extra}</div> : null}
      </div>
    </>
  );
}
