import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { copyText } from './clipboard';

export interface TemporaryPasswordInfo {
  title: string;
  username: string;
  displayName: string;
  password: string;
}

/** Shows a one-time password exactly once; it cannot be looked up again after the dialog closes. */
export function TemporaryPasswordModal({ info, onClose }: { info: TemporaryPasswordInfo | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = (text: string, what: string) =>
    void copyText(text).then((ok) => (ok ? message.success(`${what}已复制`) : message.warning('复制失败，请手动抄写')));
  return (
    <Modal
      open={info !== null}
      title={info?.title}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下
        </Button>
      }
    >
      {info ? (
        <>
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            title="初始密码只显示这一次"
            description="关闭后无法再次查看。请通过电话、当面等安全方式告知本人；对方首次登录后须立即修改密码。"
          />
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'displayName', label: '姓名', children: info.displayName },
              { key: 'username', label: '用户名', children: info.username },
              {
                key: 'password',
                label: '初始密码',
                children: (
                  <Typography.Text className="mono temp-password" aria-label="初始密码">
                    {info.password}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <div className="temp-password-actions">
            <Button onClick={() => copy(info.password, '密码')}>复制密码</Button>
            <Button onClick={() => copy(`用户名：${info.username}\n初始密码：${info.password}`, '用户名和密码')}>复制用户名和密码</Button>
          </div>
        </>
      ) : null}
    </Modal>
  );
}
