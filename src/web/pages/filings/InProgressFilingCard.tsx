import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Filing } from '../../api/filing-types';
import { isEditable } from '../../components/filing-dict';
import { formatDateTimeShort } from '../../components/format';
import { DeadlineText, FilingStatusTag } from './FilingParts';

/** The filing being handled: its state, the bureau's remarks when returned, and what to do next. */
export function InProgressFilingCard({ filing, replacing, onWithdraw }: { filing: Filing; replacing: boolean; onWithdraw: () => void }) {
  const navigate = useNavigate();
  const open = () => void navigate(`/my-filings/${filing.id}`);
  let body;
  let actions;
  if (filing.status === 'draft') {
    body = <Typography.Paragraph>草稿尚未提交。填写聘任信息、查看资格审查结果、上传授权书后提交主管局审核。</Typography.Paragraph>;
    actions = (
      <>
        <Button type="primary" icon={<EditOutlined />} onClick={open}>
          继续填写
        </Button>
        <Button onClick={onWithdraw}>放弃草稿</Button>
      </>
    );
  } else if (filing.status === 'returned') {
    body = (
      <Alert
        type="warning"
        showIcon
        className="form-alert"
        title={`主管局退回补正（第 ${filing.round} 轮）`}
        description={
          <>
            <div className="remarks-text">补正意见：{filing.decisionReason ?? '未说明'}</div>
            <Typography.Text type="secondary">
              退回时间：{formatDateTimeShort(filing.decidedAt)}。原填写内容已保留，修改后再次提交为第 {filing.round + 1} 轮。
            </Typography.Text>
          </>
        }
      />
    );
    actions = (
      <>
        <Button type="primary" icon={<EditOutlined />} onClick={open}>
          修改后重新提交
        </Button>
        <Button onClick={onWithdraw}>撤回备案</Button>
      </>
    );
  } else {
    body = (
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'round', label: '审核轮次', children: `第 ${filing.round} 轮` },
          { key: 'submitted', label: '提交时间', children: formatDateTimeShort(filing.submittedAt) },
          { key: 'bureau', label: '审核机关', children: `${filing.orgUnitName}市场监督管理局` },
          { key: 'deadline', label: '审核期限', children: <DeadlineText filing={filing} /> },
        ]}
      />
    );
    actions = (
      <>
        <Button icon={<EyeOutlined />} onClick={open}>
          查看
        </Button>
        <Button onClick={onWithdraw}>撤回</Button>
      </>
    );
  }
  return (
    <Card size="small" className="block-card status-card status-card-progress" title="办理中的备案" extra={<FilingStatusTag filing={filing} />}>
      <div className="officer-name">
        <Typography.Text strong>{filing.personName}</Typography.Text>
        <Typography.Text type="secondary" className="mono">
          {filing.idNumberMasked}
        </Typography.Text>
      </div>
      {body}
      {replacing && isEditable(filing.status) ? (
        <Typography.Paragraph type="secondary" className="small-note">
          予以备案后，原在任首席质量官的备案自动结束。
        </Typography.Paragraph>
      ) : null}
      <Space wrap className="card-actions">
        {actions}
      </Space>
    </Card>
  );
}
