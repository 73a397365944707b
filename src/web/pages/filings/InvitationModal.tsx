import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Typography } from 'antd';
import { copyText } from '../../components/clipboard';
import { formatDateTimeShort } from '../../components/format';
import { useIsMobile } from '../../components/use-is-mobile';

/** `POST /api/candidates/:id/invitations` → 201: a one-time link for the candidate to register their own account. */
export interface Invitation {
  personName: string;
  url: string;
  expiresAt: string;
}

/** 邀请注册: shows the link the enterprise sends to the candidate, with a copy button and its expiry. */
export function InvitationModal({ open, invitation, onClose }: { open: boolean; invitation: Invitation | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const { message } = App.useApp();

  const copy = () => {
    if (!invitation) return;
    void copyText(invitation.url).then((ok) => (ok ? message.success('链接已复制') : message.warning('复制失败，请选中链接后手动复制')));
  };

  return (
    <Modal
      open={open}
      title={invitation ? `邀请 ${invitation.personName} 注册本人账户` : '邀请注册'}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          完成
        </Button>
      }
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 560}
    >
      {invitation ? (
        <div className="invite-body">
          <Alert className="form-alert" type="success" showIcon title="邀请链接已生成" />
          <label className="invite-label" htmlFor="invite-url">
            邀请链接
          </label>
          <div className="invite-link-row">
            <Input id="invite-url" value={invitation.url} readOnly className="mono invite-link-input" onFocus={(e) => e.currentTarget.select()} />
            <Button type="primary" icon={<CopyOutlined />} onClick={copy}>
              复制链接
            </Button>
          </div>
          <Typography.Text>
            有效期至：<strong>{formatDateTimeShort(invitation.expiresAt)}</strong>
          </Typography.Text>
          <Typography.Paragraph type="secondary" className="small-note">
            请将链接发给本人。本人凭身份证号注册后，须经主管市场监管局核对本企业的聘任文件并确认身份，账户才与人员信息关联。链接仅可使用一次，7 天内有效。
          </Typography.Paragraph>
        </div>
      ) : null}
    </Modal>
  );
}
