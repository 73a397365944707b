import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Table, Typography, type TableColumnsType } from 'antd';
import type { Criterion, EligibilityResult } from '../../../domain/eligibility';
import { segmentLabel } from '../../components/filing-dict';

function Verdict({ pass }: { pass: boolean }) {
  return pass ? (
    <span className="verdict verdict-pass">
      <CheckCircleFilled aria-hidden /> 符合
    </span>
  ) : (
    <span className="verdict verdict-fail">
      <CloseCircleFilled aria-hidden /> 不符合
    </span>
  );
}

const columns: TableColumnsType<Criterion> = [
  { title: '条件', dataIndex: 'label', render: (v: string) => <span className="criterion-label">{v}</span> },
  { title: '要求', dataIndex: 'required' },
  { title: '实际', dataIndex: 'actual' },
  { title: '符合', dataIndex: 'pass', align: 'center', render: (v: boolean) => <Verdict pass={v} /> },
];

/**
 * The eligibility check as evidence: the enterprise's segment, each criterion with 要求/实际/符合, and the verdict.
 * `advisory`: a small or micro enterprise may set its own conditions, so unmet criteria do not bar the filing.
 */
export function EligibilityView({ result, ruleVersion, audience }: { result: EligibilityResult | null; ruleVersion?: number | null; audience: 'enterprise' | 'bureau' }) {
  if (!result) return <Typography.Text type="secondary">尚未进行资格审查</Typography.Text>;
  const failed = result.criteria.filter((c) => !c.pass).map((c) => c.label);
  const summary = result.advisory ? (
    <Alert
      type="info"
      showIcon
      title="小微企业可自定条件"
      description={`${failed.join('、')}未达到通用条件。按政策，小微企业可自行确定首席质量官任职条件，以下条件仅供参考，不影响备案。`}
    />
  ) : result.pass ? (
    <Alert type="success" showIcon title="符合首席质量官任职条件" />
  ) : (
    <Alert
      type="error"
      showIcon
      title={`不符合任职条件：${failed.join('、')}未达到要求`}
      description={
        audience === 'enterprise'
          ? '请核对拟任人员和聘任事项。不符合条件的备案，主管局可能退回或不予备案。'
          : '请结合企业说明和授权书审核；不符合条件的，可退回补正或不予备案。'
      }
    />
  );
  return (
    <div className="eligibility">
      <div className="eligibility-head">
        <Typography.Text type="secondary">
          企业类别：<Typography.Text strong>{segmentLabel(result.segment)}</Typography.Text>
          {ruleVersion ? `（任职条件第 ${ruleVersion} 版）` : '（政策规定的任职条件）'}
        </Typography.Text>
      </div>
      <Table<Criterion> className="criteria-table" rowKey="key" size="small" columns={columns} dataSource={result.criteria} pagination={false} bordered />
      <div className="eligibility-summary">{summary}</div>
    </div>
  );
}
