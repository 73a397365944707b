import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Table, Typography, type TableColumnsType } from 'antd';
import { isEvaluated, needsOverride, type Criterion, type EligibilityResult } from '../../../domain/eligibility';
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
export function EligibilityView({
  result,
  ruleVersion,
  audience,
}: {
  result: EligibilityResult | null;
  ruleVersion?: number | null;
  audience: 'enterprise' | 'bureau';
}) {
  // never evaluated (no result, or one without criteria): never shown as 符合
  if (!isEvaluated(result)) {
    return (
      <Alert
        type="warning"
        showIcon
        title="尚未进行资格审查"
        description={
          audience === 'bureau'
            ? '该备案没有资格审查结果，不能予以备案。请先点击“重新审查”，按现行任职条件审查后再作决定。'
            : '提交备案时将按现行任职条件自动审查。'
        }
      />
    );
  }
  const failed = result.criteria.filter((c) => !c.pass).map((c) => c.label);
  const binding = needsOverride(result);
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
          : binding
            ? '该条件具有约束力：可退回补正或不予备案；确需予以备案的，须填写破格理由，理由、条件版本和未达到的条件将记入备案和审计日志。'
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
