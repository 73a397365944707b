import { useMutation } from '@tanstack/react-query';
import { Button, Card, Input, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { CheckInResult } from '../../api/community-case-types';
import { PageHeader } from '../../components/PageHeader';
import './community.css';

/** Opened from the QR code on the organiser's screen (`?t=<token>`): checks the signed-in officer in. */
export default function CheckInPage() {
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const [manual, setManual] = useState('');
  const sent = useRef(false);
  const checkIn = useMutation({ mutationFn: (t: string) => api.post<CheckInResult>('/api/community/events/check-in', { token: t }) });
  const { mutate } = checkIn;
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      mutate(token);
    }
  }, [token, mutate]);

  return (
    <div className="page check-in-result">
      <PageHeader title="活动签到" />
      <Card>
        {checkIn.isPending ? (
          <div className="page-spin">
            <Spin tip="正在签到…">
              <div style={{ height: 48 }} />
            </Spin>
          </div>
        ) : null}
        {checkIn.isSuccess ? (
          <Result
            status="success"
            title={checkIn.data.alreadyCheckedIn ? '您已签到' : '签到成功'}
            subTitle={`${checkIn.data.title}${checkIn.data.creditedMinutes > 0 ? `，计入年度学时 ${checkIn.data.creditedMinutes} 分钟` : ''}`}
            extra={
              <Link to={`/community/events/${checkIn.data.eventId}`}>
                <Button type="primary">查看活动</Button>
              </Link>
            }
          />
        ) : null}
        {checkIn.isError ? <Result status="error" title="签到未成功" subTitle={errorMessage(checkIn.error)} /> : null}
        {!token || checkIn.isError ? (
          <Input.Search
            placeholder="或粘贴签到链接中的签到码"
            enterButton="签到"
            value={manual}
            onChange={(e) => setManual(e.target.value)}
            onSearch={(v) => v.trim() && mutate(v.trim().replace(/^.*[?&]t=/, ''))}
            aria-label="签到码"
          />
        ) : null}
      </Card>
    </div>
  );
}
