import { Alert, Card, Col, Descriptions, Row, Typography } from 'antd';
import { Link } from 'react-router';
import type { FilingDetail } from '../../api/filing-types';
import { useSession } from '../../auth/session';
import { dateText, endKindLabel, isOverdue } from '../../components/filing-dict';
import { formatDateTimeShort } from '../../components/format';
import { EligibilityView } from './EligibilityView';
import { AppointmentDescriptions, PersonDescriptions, RoundsTimeline } from './FilingParts';
import { OverrideCard, ProofCard } from './FilingRecordCards';

/** Where the filing stands, in one sentence (with the bureau's words when it decided). */
export function FilingStatusAlert({ filing: f, audience }: { filing: FilingDetail; audience: 'enterprise' | 'bureau' }) {
  const bureau = `${f.orgUnitName}市场监督管理局`;
  switch (f.status) {
    case 'draft':
      return <Alert className="form-alert" type="info" showIcon title="草稿，尚未提交" />;
    case 'submitted':
      return (
        <Alert
          className="form-alert"
          type={isOverdue(f) ? 'error' : 'info'}
          showIcon
          title={`第 ${f.round} 轮，待${audience === 'bureau' ? '审核' : `${bureau}审核`}`}
          description={`提交于 ${formatDateTimeShort(f.submittedAt)}，审核期限 ${dateText(f.reviewDeadline)}${isOverdue(f) ? '，已逾期' : ''}。`}
        />
      );
    case 'returned':
      return (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={`第 ${f.round} 轮已退回补正`}
          description={
            <>
              <div className="remarks-text">补正意见：{f.decisionReason ?? '未说明'}</div>
              <Typography.Text type="secondary">{formatDateTimeShort(f.decidedAt)}，等待企业修改后重新提交。</Typography.Text>
            </>
          }
        />
      );
    case 'active':
      return (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          title="已备案，首席质量官在任"
          description={`${bureau}于 ${formatDateTimeShort(f.decidedAt)} 予以备案${f.decisionReason ? `，意见：${f.decisionReason}` : ''}。`}
        />
      );
    case 'rejected':
      return (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title="不予备案"
          description={
            <>
              <div className="remarks-text">理由：{f.decisionReason ?? '未说明'}</div>
              <Typography.Text type="secondary">{formatDateTimeShort(f.decidedAt)}</Typography.Text>
            </>
          }
        />
      );
    case 'withdrawn':
      return <Alert className="form-alert" type="info" showIcon title="企业已撤回" description={`最后更新 ${formatDateTimeShort(f.updatedAt)}`} />;
    case 'ended':
      return (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={`聘任已结束：${endKindLabel(f.endKind)}（${dateText(f.endedAt)}）`}
          description={`${f.endReason ? `原因：${f.endReason}。` : ''}备案证明已失效。`}
        />
      );
    default:
      return null;
  }
}

/**
 * A filing as evidence for a decision: the enterprise, the person, the appointment facts beside the eligibility
 * check, and every round with the bureau's remarks. Actions are the caller's (they differ by role).
 */
export function FilingDetailView({ filing: f, audience }: { filing: FilingDetail; audience: 'enterprise' | 'bureau' }) {
  const { hasPermission } = useSession();
  return (
    <>
      <FilingStatusAlert filing={f} audience={audience} />
      {audience === 'bureau' ? (
        <Card size="small" className="block-card" title="企业">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'name',
                label: '企业名称',
                children: hasPermission('enterprises:read') ? <Link to={`/enterprises/${f.enterpriseId}`}>{f.enterpriseName}</Link> : f.enterpriseName,
              },
              { key: 'uscc', label: '统一社会信用代码', children: <span className="mono">{f.uscc}</span> },
              { key: 'unit', label: '主管单位', children: f.orgUnitName },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" className="block-card" title="拟任首席质量官">
        {f.candidate?.nameMismatch ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`企业登记的姓名“${f.candidate.name}”与该身份证号已登记的姓名不一致，请核实`} />
        ) : null}
        <PersonDescriptions person={f.person} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" className="block-card equal-card" title="聘任事项">
            <AppointmentDescriptions filing={f} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" className="block-card equal-card" title="资格审查">
            <EligibilityView result={f.eligibility} ruleVersion={f.ruleVersion} audience={audience} />
          </Card>
        </Col>
      </Row>
      {f.overrideReason ? <OverrideCard filing={f} /> : null}
      {f.proof ? <ProofCard proof={f.proof} /> : null}
      <Card size="small" className="block-card" title="审核记录">
        <RoundsTimeline filing={f} rounds={f.rounds} />
      </Card>
    </>
  );
}
