import { useMutation } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ATTENDANCE_STATUS_LABELS } from '../../../domain/training';
import { api, errorMessage } from '../../api/client';
import type { SignInResult } from '../../api/training-types';
import { formatDateTimeShort } from '../../components/format';
import './training.css';

/** Opened from the QR code on the trainer's screen (the officer is signed in): records attendance for that session. */
export default function SignInPage() {
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const signIn = useMutation({ mutationFn: () => api.post<SignInResult>('/api/training/sign-in', { token }) });
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    signIn.mutate();
  }, [token, signIn]);

  if (!token) return <Result status="warning" title="缺少签到码" subTitle="请用手机扫描培训现场屏幕上的签到二维码。" />;
  if (signIn.isPending || signIn.isIdle) {
    return (
      <div className="page-spin">
        <Spin tip="正在签到…" />
      </div>
    );
  }
  const back = (
    <Link to="/me/training" key="back">
      <Button type="primary">我的培训</Button>
    </Link>
  );
  if (signIn.isError) return <Result status="error" title="签到未成功" subTitle={errorMessage(signIn.error)} extra={[back]} />;
  const r = signIn.data;
  return (
    <Result
      status={r.status === 'late' ? 'warning' : 'success'}
      title={r.already ? '本场已签到' : r.status === 'late' ? '签到成功（迟到）' : '签到成功'}
      subTitle={`${r.className} · ${r.sessionTitle} · ${ATTENDANCE_STATUS_LABELS[r.status]} · ${formatDateTimeShort(r.signedInAt)}`}
      extra={[back]}
    />
  );
}
