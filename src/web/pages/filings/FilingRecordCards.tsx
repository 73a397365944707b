import { Alert, Card, Descriptions, Table, Typography } from 'antd';
import type { Criterion } from '../../../domain/eligibility';
import type { FilingDetail } from '../../api/filing-types';
import { dateText } from '../../components/filing-dict';

const PROOF_STATUS: Record<string, string> = { valid: '有效', ended: '已失效', revoked: '已撤销' };

/** Approved although a binding rule failed: the reviewer's reason, the rule version and the failed criteria. */
export function OverrideCard({ filing: f }: { filing: FilingDetail }) {
  return (
    <Card size="small" className="block-card" title="破格予以备案">
      <Alert
        type="warning"
        showIcon
        title={`拟任人员未达到具有约束力的任职条件（第 ${f.overrideRuleVersion ?? '—'} 版），主管局破格予以备案`}
        description={<div className="remarks-text">破格理由：{f.overrideReason}</div>}
      />
      <Table<Criterion>
        className="criteria-table"
        rowKey="key"
        size="small"
        pagination={false}
        bordered
        dataSource={f.overrideCriteria ?? []}
        columns={[
          { title: '未达到的条件', dataIndex: 'label' },
          { title: '要求', dataIndex: 'required' },
          { title: '实际', dataIndex: 'actual' },
        ]}
      />
    </Card>
  );
}

/** The 备案证明 as signed: the same names and dates the PDF and the public verification show. */
export function ProofCard({ proof }: { proof: NonNullable<FilingDetail['proof']> }) {
  return (
    <Card size="small" className="block-card" title="备案证明">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'serial', label: '证明编号', children: <span className="mono">{proof.serial}</span> },
          { key: 'status', label: '状态', children: `${PROOF_STATUS[proof.status] ?? proof.status}${proof.statusReason ? `（${proof.statusReason}）` : ''}` },
          { key: 'holder', label: '姓名', children: proof.personName },
          { key: 'enterprise', label: '聘任企业', children: proof.enterpriseName },
          { key: 'appointment', label: '聘任日期', children: dateText(proof.appointmentDate) },
          { key: 'filed', label: '备案日期', children: dateText(proof.filedOn) },
          { key: 'issued', label: '签发日期', children: dateText(proof.issuedOn) },
          { key: 'bureau', label: '备案机关', children: proof.bureauName },
        ]}
      />
      <Typography.Text type="secondary">以上内容取自备案证明的签名数据，与证明文件及公开核验结果一致。</Typography.Text>
    </Card>
  );
}
