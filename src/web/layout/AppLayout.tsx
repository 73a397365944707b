import { BellOutlined, DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, type MenuProps } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSession, useSite } from '../auth/session';
import { PageSpin } from '../components/FullPageSpin';
import { useIsMobile } from '../components/use-is-mobile';
import { APP_PAGES, menuPathFor, menuSections, pageForPath } from '../nav';
import { NavIcon } from '../nav/NavIcon';
import { FeedbackProvider } from './FeedbackProvider';
import { NotificationBell } from './NotificationBell';

const { Header, Sider, Content } = Layout;

// the menus are not needed for the first paint (on phones the menu hides in a closed drawer): their own chunk
const NavMenu = lazy(() => import('./ShellMenus').then((m) => ({ default: m.NavMenu })));
const NavDrawer = lazy(() => import('./ShellMenus').then((m) => ({ default: m.NavDrawer })));
const UserMenu = lazy(() => import('./ShellMenus').then((m) => ({ default: m.UserMenu })));

/** The signed-in shell: side menu (a drawer on phones), header with the account and its menu, and the page. */
export default function AppLayout() {
  const me = useMe();
  const { hasPermission, signOut } = useSession();
  const site = useSite();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [userMenuOpen, setUserMenuOpen] = useState(false);

  const current = pageForPath(location.pathname);
  const menuPath = menuPathFor(current);
  const siteTitle = site.data?.siteTitle ?? '江苏省企业首席质量官信息管理系统';

  useEffect(() => {
    document.title = current ? `${current.label} - ${siteTitle}` : siteTitle;
  }, [current, siteTitle]);

  const menuItems = useMemo<MenuProps['items']>(
    () =>
      menuSections(APP_PAGES.filter((page) => page.inMenu && hasPermission(page.permission))).flatMap((section): NonNullable<MenuProps['items']> => {
        const items = section.pages.map((page) => ({ key: page.path, icon: <NavIcon name={page.icon} />, label: page.label }));
        return section.label === null ? items : [{ type: 'group' as const, key: `section:${section.label}`, label: section.label, children: items }];
      }),
    [hasPermission],
  );

  const go = (path: string) => {
    setDrawerOpen(false);
    void navigate(path);
  };

  const menu = { items: menuItems, selectedKeys: menuPath ? [menuPath] : [], onSelect: go };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        className: 'user-menu-who',
        label: (
          <div>
            <div className="user-menu-name">{me.account.displayName}</div>
            <div className="user-menu-sub">
              {me.account.username} · {me.account.roleLabel}
            </div>
            <div className="user-menu-sub">{me.orgUnit.name}</div>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'notifications', icon: <BellOutlined />, label: '我的消息' },
      { key: 'account', icon: <UserOutlined />, label: '账户设置' },
      { key: 'contact', icon: <UserOutlined />, label: '联系方式' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      setUserMenuOpen(false);
      if (key === 'notifications') go('/notifications');
      if (key === 'account') go('/account');
      if (key === 'contact') go('/account/contact');
      if (key === 'logout') void signOut();
    },
  };

  const userButton = (onClick?: () => void) => (
    // on phones the button shows only the avatar and needs a name; elsewhere its visible text is its name (WCAG 2.5.3)
    <button
      type="button"
      onClick={onClick}
      className="user-button"
      aria-label={isMobile ? `当前用户 ${me.account.displayName}，打开账户菜单` : undefined}
      title="账户菜单"
    >
      {/* antd's small Avatar drawn plainly (styles.css): Avatar brings its group's Popover, Tooltip and form context along */}
      <span className="user-avatar">
        <UserOutlined />
      </span>
      {isMobile ? null : (
        <span className="user-button-text">
          <span className="user-button-name">{me.account.displayName}</span>
          <span className="user-button-sub">
            {me.account.roleLabel} · {me.orgUnit.name}
          </span>
        </span>
      )}
      <DownOutlined className="user-button-caret" />
    </button>
  );

  const brand = (short: boolean) => (
    <div className="brand" title={siteTitle}>
      <span className="brand-mark" aria-hidden>
        质
      </span>
      {short ? null : <span className="brand-text">首席质量官管理</span>}
    </div>
  );

  return (
    // antd's <App> for the pages' App.useApp(), loaded after the first screen (FeedbackProvider)
    <FeedbackProvider>
      {/* WCAG 2.4.1: keyboard users skip the menu; visible when focused */}
      <a className="skip-link" href="#main-content">
        跳到主要内容
      </a>
      <Layout className="app-shell">
        {isMobile ? (
          <Suspense fallback={null}>
            <NavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} brand={brand(false)} {...menu} />
          </Suspense>
        ) : (
          <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} className="app-sider">
            {brand(collapsed)}
            <Suspense fallback={null}>
              <NavMenu {...menu} />
            </Suspense>
          </Sider>
        )}
        <Layout>
          <Header className="app-header">
            {isMobile ? <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} className="menu-button" /> : null}
            {/* a plain span with antd Typography's single-line ellipsis (styles.css): Typography stays off the first screen */}
            <span className="app-title">{siteTitle}</span>
            <NotificationBell isMobile={isMobile} />
            {/* until the menu's chunk arrives the button stands alone; a click then opens the menu once loaded */}
            <Suspense fallback={userButton(() => setUserMenuOpen(true))}>
              <UserMenu menu={userMenu} open={userMenuOpen} onOpenChange={setUserMenuOpen}>
                {userButton()}
              </UserMenu>
            </Suspense>
          </Header>
          <Content className="app-content" id="main-content" tabIndex={-1}>
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </Content>
        </Layout>
      </Layout>
    </FeedbackProvider>
  );
}
