import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useSite } from '../../auth/session';
import '../verify.css';
import './public.css';

/** The frame of the public pages (no login): the same header as certificate verification, phone first. */
export function PublicShell({ title, children, footnote }: { title: string; children: ReactNode; footnote?: ReactNode }) {
  const site = useSite();
  const siteTitle = site.data?.siteTitle ?? '江苏省企业首席质量官信息管理系统';
  useEffect(() => {
    document.title = `${title} - ${siteTitle}`;
  }, [title, siteTitle]);
  return (
    <div className="verify-page">
      <main className="verify-main public-main">
        <header className="verify-header">
          <span className="verify-emblem" aria-hidden>
            质
          </span>
          <div>
            <h1 className="verify-title">{title}</h1>
            <div className="verify-site">{siteTitle}</div>
          </div>
        </header>
        {children}
        {footnote ? <p className="verify-footnote">{footnote}</p> : null}
        <nav className="public-links">
          <Link to="/verify">证书核验</Link>
          <Link to="/blacklist">黑名单公告</Link>
          <Link to="/award-eligibility">质量奖申报条件查询</Link>
          <Link to="/public/selections">竞争聘用公示</Link>
          <Link to="/login">登录</Link>
        </nav>
      </main>
    </div>
  );
}
