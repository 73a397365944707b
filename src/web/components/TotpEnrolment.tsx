import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Ok, TotpSetup } from '../api/types';
import { copyText } from './clipboard';
import { applyServerErrors } from './form-errors';
import { queryKeys } from '../api/query-keys';

const SETUP_KEY = queryKeys.totpSetup;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type into a phone. */
const groupSecret = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Binds an authenticator app: `POST /api/auth/totp/setup` once (a new secret each time, so no automatic
 * retries or refetches), then `POST /api/auth/totp/confirm` with the first code.
 */
export function TotpEnrolment({ onDone }: { onDone: () => void | Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  const setup = useQuery({
    queryKey: SETUP_KEY,
    queryFn: () => api.post<TotpSetup>('/api/auth/totp/setup'),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => api.post<Ok>('/api/auth/totp/confirm', { code }),
    onSuccess: async () => {
      message.success('动态验证码已绑定，以后登录时须输入身份验证器中的动态验证码');
      await onDone();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ['code'])),
  });

  if (setup.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (setup.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title="无法生成绑定二维码"
        description={errorMessage(setup.error)}
        action={
          <Button size="small" onClick={() => void setup.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  const { secret, qrDataUrl } = setup.data;

  return (
    <div className="totp-enrolment">
      <ol className="totp-steps">
        <li>
          <Typography.Text strong>在手机上安装身份验证器</Typography.Text>
          <div>
            <Typography.Text type="secondary">如 Microsoft Authenticator、FreeOTP 等支持 TOTP 标准的应用；手机时间须设为自动同步。</Typography.Text>
          </div>
        </li>
        <li>
          <Typography.Text strong>用身份验证器扫描下方二维码</Typography.Text>
          <div className="totp-qr">
            <img src={qrDataUrl} width={220} height={220} alt="动态验证码绑定二维码" />
          </div>
          <Typography.Text type="secondary">无法扫码时，可在身份验证器中选择“手动输入密钥”，输入：</Typography.Text>
          <Space wrap className="totp-secret">
            <Typography.Text code className="mono" aria-label="密钥">
              {groupSecret(secret)}
            </Typography.Text>
            <Button
              size="small"
              onClick={() => void copyText(secret).then((ok) => (ok ? message.success('密钥已复制') : message.warning('复制失败，请手动抄写密钥')))}
            >
              复制密钥
            </Button>
          </Space>
        </li>
        <li>
          <Typography.Text strong>输入身份验证器上显示的 6 位动态验证码</Typography.Text>
          {formError ? <Alert className="form-alert" type="error" showIcon title={formError} /> : null}
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={({ code }) => confirm.mutate(code.trim())}
            onValuesChange={() => setFormError(null)}
          >
            <Form.Item
              label="动态验证码"
              name="code"
              rules={[
                { required: true, message: '请输入 6 位动态验证码' },
                { pattern: /^\s*\d{6}\s*$/, message: '动态验证码应为 6 位数字' },
              ]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="动态验证码" className="otp-input" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending} block>
              确认绑定
            </Button>
          </Form>
        </li>
      </ol>
    </div>
  );
}
