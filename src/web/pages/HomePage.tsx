import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Descriptions, Row, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { MyEnterprise } from '../api/enterprise-types';
import { useMe, useSession } from '../auth/session';
import { formatDateTimeShort } from '../components/format';
import { HomeCard } from '../components/HomeCard';
import { APP_PAGES, menuSections } from '../nav';
import { NavIcon } from '../nav/NavIcon';
import { HomeWorkQueue } from './HomeWorkQueue';
import { queryKeys } from '../api/query-keys';

export default function HomePage() {
  const me = useMe();
  const { hasPermission } = useSession();
  // shortcuts in menu order (the officer's sign-in, today's classes and study progress lead the to-do card above them)
  const reachable = APP_PAGES.filter((page) => page.key !== 'home' && !page.parent && hasPermission(page.permission));
  const shortcuts = [
    ...menuSections(
      reachable.filter((page) => page.inMenu),
      Infinity,
    ).flatMap((section) => section.pages),
    ...reachable.filter((page) => !page.inMenu),
  ];
  const hasWork = shortcuts.some((page) => page.key !== 'account' && page.key !== 'notifications');
  // an enterprise account learns at once whether its registration still waits for the bureau
  const mine = useQuery({
    queryKey: queryKeys.enterpriseMine,
    queryFn: () => api.get<MyEnterprise>('/api/enterprises/mine'),
    enabled: hasPermission('enterprise_profile:manage'),
  });
  const pendingRegistration = mine.data && !mine.data.enterprise && mine.data.registration?.status === 'pending';

  return (
    <div className="page">
      <HomeWorkQueue />
      <HomeCard className="welcome-card" borderless>
        {/* plain elements styled as antd's Typography (styles.css): Typography would add ~9 KB to the first screen */}
        <h3 className="welcome-title">{me.account.displayName}，您好</h3>
        <div className="welcome-text">欢迎使用江苏省企业首席质量官信息管理系统。</div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'username', label: '用户名', children: me.account.username },
            { key: 'role', label: '角色', children: <Tag color="blue">{me.account.roleLabel}</Tag> },
            { key: 'org', label: '所属单位', children: me.orgUnit.name },
            // only administrators sign in with a TOTP code
            ...(me.abilities.totpRequired
              ? [{ key: 'totp', label: '动态验证码', children: me.totpEnabled ? <Tag color="success">已绑定</Tag> : <Tag color="warning">未绑定</Tag> }]
              : []),
            { key: 'expires', label: '本次登录有效至', children: formatDateTimeShort(me.sessionExpiresAt) },
          ]}
        />
      </HomeCard>

      {pendingRegistration ? (
        <Alert
          className="section-alert"
          type="info"
          showIcon
          title="注册申请已提交，等待主管局确认"
          description="确认后即可维护本企业信息、办理首席质量官聘任备案。"
        />
      ) : null}
      <h5 className="home-section-title">常用功能</h5>
      {hasWork ? null : (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title="您的角色暂无可用的管理功能"
          description="聘任备案、培训等业务功能将陆续开放。如需其他权限，请联系上级管理员。"
        />
      )}
      <Row gutter={[16, 16]}>
        {shortcuts.map((page) => (
          <Col key={page.key} xs={24} sm={12} xl={8}>
            <Link to={page.path} className="shortcut-link">
              <HomeCard hoverable className="shortcut-card" size="small">
                <div className="shortcut">
                  <span className="shortcut-icon" aria-hidden>
                    <NavIcon name={page.icon} />
                  </span>
                  <span className="shortcut-text">
                    <span className="shortcut-label">{page.label}</span>
                    <span className="shortcut-desc">{page.description}</span>
                  </span>
                  <RightOutlined className="shortcut-arrow" aria-hidden />
                </div>
              </HomeCard>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
