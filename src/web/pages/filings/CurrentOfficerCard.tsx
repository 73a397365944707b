import { DownloadOutlined, EyeOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Filing } from '../../api/filing-types';
import { download } from '../../components/download';
import { dateText } from '../../components/filing-dict';
import { formatDate } from '../../components/format';
import { FilingStatusTag, proofHref } from './FilingParts';

/** 在任首席质量官, with the proof to download and the way to end the appointment. */
export function CurrentOfficerCard({ filing, onEnd }: { filing: Filing | null; onEnd: () => void }) {
  const navigate = useNavigate();
  if (!filing) {
    return (
      <Card size="small" className="block-card status-card" title="在任首席质量官">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本企业尚无已备案的在任首席质量官" />
      </Card>
    );
  }
  return (
    <Card size="small" className="block-card status-card status-card-active" title="在任首席质量官" extra={<FilingStatusTag filing={filing} />}>
      <div className="officer-name">
        <Typography.Text strong>{filing.personName}</Typography.Text>
        <Typography.Text type="secondary" className="mono">
          {filing.idNumberMasked}
        </Typography.Text>
      </div>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'date', label: '聘任日期', children: dateText(filing.appointmentDate) },
          { key: 'filed', label: '备案日期', children: formatDate(filing.decidedAt) },
          { key: 'bureau', label: '备案机关', children: `${filing.orgUnitName}市场监督管理局` },
          { key: 'departments', label: '分管部门', children: filing.departmentsLed || '—' },
        ]}
      />
      <Space wrap className="card-actions">
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => download(proofHref(filing.id))}>
          下载备案证明
        </Button>
        <Button icon={<EyeOutlined />} onClick={() => void navigate(`/my-filings/${filing.id}`)}>
          查看详情
        </Button>
        <Button danger icon={<StopOutlined />} onClick={onEnd}>
          解聘/辞任/退出
        </Button>
      </Space>
    </Card>
  );
}
