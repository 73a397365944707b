import { Button, Card, Space, Typography } from 'antd';
import type { FilingDetail } from '../../api/filing-types';
import { EligibilityView } from './EligibilityView';
import { PersonDescriptions } from './FilingParts';

/** Step 2 of the enterprise's filing editor (资格审查): the automatic check and the person it checked. */
export function EligibilityStep({ filing, onBack, onNext }: { filing: FilingDetail; onBack: () => void; onNext: () => void }) {
  return (
    <>
      <Card size="small" className="block-card" title="资格审查结果">
        <Typography.Paragraph type="secondary" className="card-lead">
          根据本企业类别和拟任人员登记信息自动审查，每次保存和提交时按现行任职条件重新审查。
        </Typography.Paragraph>
        <EligibilityView result={filing.eligibility} ruleVersion={filing.ruleVersion} audience="enterprise" />
      </Card>
      <Card size="small" className="block-card" title="拟任人员">
        <PersonDescriptions person={filing.person} />
        {filing.eligibility && !filing.eligibility.pass ? (
          <Typography.Paragraph type="secondary" className="card-footnote">
            学历、年限、职务以拟任人员登记信息为准。可返回上一步改选其他拟任人员或修改聘任事项。
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Space wrap className="step-actions">
        <Button onClick={onBack}>上一步：修改聘任信息</Button>
        <Button type="primary" onClick={onNext}>
          下一步：上传授权书
        </Button>
      </Space>
    </>
  );
}
