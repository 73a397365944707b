import { Button, Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe, useSession } from '../auth/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { PageHeader } from '../components/PageHeader';
import { TotpEnrolment } from '../components/TotpEnrolment';

export default function AccountSettingsPage() {
  const me = useMe();
  const { refresh } = useSession();
  const [binding, setBinding] = useState(false);

  return (
    <div className="page">
      <PageHeader title="账户设置" description={me.abilities.totpRequired ? '查看本人账户信息，修改密码，绑定动态验证码。' : '查看本人账户信息，修改密码。'} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="账户信息" className="block-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'name', label: '姓名', children: me.account.displayName },
                { key: 'username', label: '用户名', children: me.account.username },
                { key: 'role', label: '角色', children: me.account.roleLabel },
                { key: 'org', label: '所属单位', children: me.orgUnit.name },
              ]}
            />
            <Typography.Paragraph type="secondary" className="card-footnote">
              接收公务通知的手机号码和电子邮箱在<Link to="/account/contact">联系方式</Link>中维护。
            </Typography.Paragraph>
          </Card>
          <Card title="动态验证码" className="block-card">
            {me.totpEnabled ? (
              <>
                <p>
                  <Tag color="success">已绑定</Tag>
                </p>
                <Typography.Paragraph type="secondary">
                  登录时须输入手机身份验证器中的 6 位动态验证码。如更换或遗失手机，请联系上级管理员重置动态验证码，重置后下次登录时重新绑定。
                </Typography.Paragraph>
              </>
            ) : !me.abilities.totpRequired ? (
              <>
                <p>
                  <Tag>未启用</Tag>
                </p>
                <Typography.Paragraph type="secondary">您的角色登录时只需用户名和密码，无需动态验证码。</Typography.Paragraph>
              </>
            ) : binding ? (
              <TotpEnrolment
                onDone={async () => {
                  setBinding(false);
                  await refresh();
                }}
              />
            ) : (
              <>
                <p>
                  <Tag color="warning">未绑定</Tag>
                </p>
                <Typography.Paragraph type="secondary">
                  管理员账户须绑定动态验证码：登录时除密码外，还须输入手机身份验证器中的 6 位动态验证码。
                </Typography.Paragraph>
                <Button type="primary" onClick={() => setBinding(true)}>
                  绑定动态验证码
                </Button>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="修改密码" className="block-card">
            <Typography.Paragraph type="secondary">修改后，本账户在其他设备上的登录将全部退出。</Typography.Paragraph>
            <ChangePasswordForm username={me.account.username} onDone={() => void refresh()} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
