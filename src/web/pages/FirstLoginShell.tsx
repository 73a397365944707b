import { App as AntApp, Button, Card, Steps, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useMe, useSession } from '../auth/session';

/** The frame of the forced first-login steps: no menu, only the step, and a way out (退出登录). */
export function FirstLoginShell({ current, title, children }: { current: 0 | 1; title: string; children: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const needsTotp = me.pendingActions.includes('enrolTotp') || current === 1;
  useEffect(() => {
    document.title = `${title} - 首次登录`;
  }, [title]);
  return (
    <AntApp>
      <div className="first-login-page">
        <Card className="first-login-card" variant="borderless">
          <div className="first-login-top">
            <Typography.Text type="secondary">
              {me.account.displayName}（{me.account.username} · {me.account.roleLabel}）
            </Typography.Text>
            <Button type="link" size="small" onClick={() => void signOut()}>
              退出登录
            </Button>
          </div>
          <Typography.Title level={3} className="first-login-title">
            {title}
          </Typography.Title>
          {needsTotp ? (
            <Steps
              size="small"
              current={current}
              className="first-login-steps"
              responsive={false}
              items={[{ title: '修改初始密码' }, { title: '绑定动态验证码' }]}
            />
          ) : null}
          {children}
        </Card>
      </div>
    </AntApp>
  );
}
