import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { SignInCode } from '../../api/training-types';
import { timeRange } from './common';
import './training.css';

/**
 * The trainer's screen: the session's sign-in QR code, fetched again every few seconds. The token inside changes
 * every 30 s and is signed, so a photo of it forwarded to someone absent stops working.
 */
export default function SignInScreenPage() {
  const sessionId = Number(useParams().id);
  const code = useQuery({
    queryKey: ['training', 'sign-in-code', sessionId],
    queryFn: () => api.get<SignInCode>(`/api/training/sessions/${String(sessionId)}/sign-in-code`),
    refetchInterval: 5000,
    refetchIntervalInBackground: true,
  });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  if (code.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (code.isError) return <Alert type="error" showIcon title={errorMessage(code.error)} />;
  const c = code.data;
  const left = Math.max(0, Math.ceil((new Date(c.expiresAt).getTime() - now) / 1000));
  return (
    <div className="training-screen">
      <div className="training-screen-title">{c.className}</div>
      <div className="training-screen-sub">
        {c.sessionTitle} · {timeRange(c.startsAt, c.endsAt)}
      </div>
      <div className="training-screen-qr" data-testid="sign-in-qr" data-token={c.token} data-url={c.url} dangerouslySetInnerHTML={{ __html: c.svg }} />
      <Typography.Text className="training-screen-sub">请登录系统后用手机扫码签到 · 已签到 {c.signedIn} / {c.enrolled} 人</Typography.Text>
      <Progress percent={Math.round((left / 30) * 100)} showInfo={false} style={{ maxWidth: 360 }} aria-label="距二维码更换的时间" />
      <Typography.Text type="secondary">二维码每 30 秒更换，截图转发无效</Typography.Text>
    </div>
  );
}
