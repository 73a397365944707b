import { DeliveryLog } from '../../components/DeliveryLog';
import { PageHeader } from '../../components/PageHeader';

/** 通知发送记录: every notice sent to recipients in the bureau's region, by channel, with status and attempts. */
export default function DeliveriesPage() {
  return (
    <div className="page">
      <PageHeader title="通知发送记录" description="本辖区发出的站内消息、短信和电子邮件：发送状态、尝试次数与失败原因。号码和邮箱只显示部分。" />
      <DeliveryLog url="/api/notifications/deliveries" showRecipient />
    </div>
  );
}
