import { useQuery } from '@tanstack/react-query';
import { Alert, Card, QRCode, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { CheckInToken, EventDetail } from '../../api/community-case-types';
import { PageHeader } from '../../components/PageHeader';
import './community.css';
import { queryKeys } from '../../api/query-keys';

/**
 * The organiser's screen at the venue: a QR code of the sign-in link that changes every 30 seconds (signed,
 * so a photo forwarded to someone elsewhere stops working). Officers scan it with their phone while logged in.
 */
export default function EventQrPage() {
  const id = Number(useParams().id);
  const event = useQuery({ queryKey: queryKeys.communityEvent.detail(id), queryFn: () => api.get<EventDetail>(`/api/community/events/${id}`) });
  const token = useQuery({
    queryKey: queryKeys.communityEvent.token(id),
    queryFn: () => api.get<CheckInToken>(`/api/community/events/${id}/check-in-token`),
    refetchInterval: 10_000,
    refetchIntervalInBackground: true,
    retry: false,
  });
  const url = token.data ? `${window.location.origin}${token.data.path}` : '';
  return (
    <div className="page">
      <PageHeader title="现场签到" description={event.data?.title} />
      <Card className="block-card">
        {token.isError ? <Alert type="warning" showIcon title="暂不能签到" description={errorMessage(token.error)} /> : null}
        {token.isPending ? <Spin /> : null}
        {token.data ? (
          <div className="event-qr">
            <QRCode value={url} size={300} errorLevel="M" aria-label="签到二维码" />
            <Typography.Title level={4}>请用手机扫码签到</Typography.Title>
            <Typography.Text type="secondary">二维码每 {token.data.stepSeconds} 秒自动更换，截图转发无效。扫码后须登录本人账户。</Typography.Text>
            <Typography.Text type="secondary" copyable={{ text: url }} data-testid="check-in-url">
              签到链接
            </Typography.Text>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
