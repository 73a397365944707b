import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { SignInCode } from '../../api/training-types';
import { formatDateTimeShort } from '../../components/format';
import { timeRange } from './common';
import './training.css';
import { queryKeys } from '../../api/query-keys';

/**
 * The trainer's projected screen, a page of its own filling the window (no menu, no header): the session's sign-in
 * QR code, fetched again every few seconds. The token inside changes every 30 s and is signed, so a photo of it
 * forwarded to someone absent stops working. Before sign-in opens (30 minutes before the start) the server gives no
 * code and the screen says 未开始 with the time it opens; after the end, 已结束.
 */
export default function SignInScreenPage() {
  const sessionId = Number(useParams().id);
  const navigate = useNavigate();
  const code = useQuery({
    queryKey: queryKeys.training.signInCode(sessionId),
    queryFn: () => api.get<SignInCode>(`/api/training/sessions/${String(sessionId)}/sign-in-code`),
    refetchInterval: 5000,
    refetchIntervalInBackground: true,
  });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const exit = (
    <Button className="training-screen-exit" onClick={() => void navigate(-1)}>
      退出投屏
    </Button>
  );
  if (code.isPending) {
    return (
      <main className="training-screen">
        <Spin />
      </main>
    );
  }
  if (code.isError) {
    return (
      <main className="training-screen">
        <Alert type="error" showIcon title={errorMessage(code.error)} />
        {exit}
      </main>
    );
  }
  const c = code.data;
  const left = c.expiresAt ? Math.max(0, Math.ceil((new Date(c.expiresAt).getTime() - now) / 1000)) : 0;
  return (
    <main className="training-screen" data-state={c.state}>
      <h1 className="training-screen-title">{c.className}</h1>
      <div className="training-screen-sub">
        {c.sessionTitle} · {timeRange(c.startsAt, c.endsAt)}
      </div>
      {c.state === 'open' && c.svg ? (
        <>
          <div className="training-screen-qr" data-testid="sign-in-qr" data-token={c.token} data-url={c.url} dangerouslySetInnerHTML={{ __html: c.svg }} />
          <div className="training-screen-sub">
            请登录系统后用手机扫码签到 · 已签到 {c.signedIn} / {c.enrolled} 人
          </div>
          <Progress percent={Math.round((left / 30) * 100)} showInfo={false} style={{ maxWidth: 360, width: '100%' }} aria-label="距二维码更换的时间" />
          <div className="training-screen-note">二维码每 30 秒更换，截图转发无效</div>
        </>
      ) : (
        <div className="training-screen-state" role="status" data-testid="sign-in-state">
          <div className="training-screen-state-title">{c.state === 'not_started' ? '未开始' : '已结束'}</div>
          <div className="training-screen-sub">
            {c.state === 'not_started'
              ? `签到于 ${formatDateTimeShort(c.opensAt)} 开放（开课前 30 分钟），届时自动显示二维码`
              : `签到已关闭 · 已签到 ${String(c.signedIn)} / ${String(c.enrolled)} 人`}
          </div>
        </div>
      )}
      {exit}
    </main>
  );
}
