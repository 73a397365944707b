import { DeliveryLog } from '../../components/DeliveryLog';
import { PageHeader } from '../../components/PageHeader';

/** 发送记录: what was sent to the signed-in account (and, for an enterprise, to its roster contact), by channel. */
export default function MyDeliveriesPage() {
  return (
    <div className="page">
      <PageHeader title="通知发送记录" description="系统通过站内消息、短信和电子邮件发给您的正式通知。手机号码仅用于正式通知。" />
      <DeliveryLog url="/api/notifications/deliveries/mine" showRecipient={false} />
    </div>
  );
}
