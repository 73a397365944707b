import { FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { Filing, FilingRound, Person } from '../../api/filing-types';
import { useSession } from '../../auth/session';
import {
  dateText,
  DECISIONS,
  educationLabel,
  endKindLabel,
  exitCauseLabel,
  FILING_STATUS_COLORS,
  filingStatusLabel,
  genderLabel,
  isOverdue,
  positionLabel,
  treatmentBenefitLabel,
  treatmentLevelLabel,
} from '../../components/filing-dict';
import { formatDateTimeShort } from '../../components/format';

export function FilingStatusTag({ filing }: { filing: Pick<Filing, 'status'> }) {
  return <Tag color={FILING_STATUS_COLORS[filing.status] ?? 'default'}>{filingStatusLabel(filing.status)}</Tag>;
}

/** 审核期限, red once it has passed while the filing still waits. */
export function DeadlineText({ filing }: { filing: Pick<Filing, 'status' | 'reviewDeadline'> }) {
  // a deadline matters only while the filing waits for review
  if (!filing.reviewDeadline || filing.status !== 'submitted') return <Typography.Text type="secondary">—</Typography.Text>;
  return isOverdue(filing) ? (
    <Typography.Text type="danger" strong>
      {filing.reviewDeadline}（已逾期）
    </Typography.Text>
  ) : (
    <span>{filing.reviewDeadline}</span>
  );
}

export const letterHref = (filingId: number): string => `/api/filings/${filingId}/authorization-letter`;
export const proofHref = (filingId: number): string => `/api/filings/${filingId}/proof.pdf`;

/** The public check page of a certificate serial (no login needed). */
export const verifyHref = (serial: string): string => `/verify/${encodeURIComponent(serial)}`;

/** 证明编号 of the filing's 备案证明, opening its public check page in a new tab; nothing before one is issued. */
export function ProofSerialLink({ filing }: { filing: Pick<Filing, 'proofSerial'> }) {
  if (!filing.proofSerial) return null;
  return (
    <Button
      type="link"
      className="proof-serial-link"
      icon={<SafetyCertificateOutlined />}
      href={verifyHref(filing.proofSerial)}
      target="_blank"
      rel="noopener noreferrer"
      title="在新标签页打开证书核验页"
    >
      证明编号 <span className="mono">{filing.proofSerial}</span>
    </Button>
  );
}

/** Opens the uploaded 授权书 in a new tab (the server streams it inline to callers who may see the filing). */
export function LetterLink({ filing }: { filing: Pick<Filing, 'id' | 'hasAuthorizationLetter'> }) {
  if (!filing.hasAuthorizationLetter) return <Typography.Text type="warning">未上传</Typography.Text>;
  return (
    <a href={letterHref(filing.id)} target="_blank" rel="noopener noreferrer">
      <FileProtectOutlined /> 查看授权书
    </a>
  );
}

const yesNo = (v: boolean, yes = '是', no = '否') => (v ? yes : <Typography.Text type="warning">{no}</Typography.Text>);

/** The appointment as filed: date, departments, reporting line, veto right, treatment, letter. */
export function AppointmentDescriptions({ filing }: { filing: Filing }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={[
        { key: 'date', label: '聘任日期', children: dateText(filing.appointmentDate) },
        { key: 'departments', label: '分管部门', children: filing.departmentsLed || '—' },
        { key: 'gm', label: '直接向总经理负责', children: yesNo(filing.reportsToGeneralManager) },
        { key: 'veto', label: '质量安全一票否决权', children: yesNo(filing.vetoRight, '有', '无') },
        { key: 'treatmentLevel', label: '岗位待遇层级', children: treatmentLevelLabel(filing.treatmentLevel) },
        {
          key: 'meetings',
          label: '参加总经理例会、参与经营决策',
          children: filing.attendsManagementMeetings === null ? '未填写' : yesNo(filing.attendsManagementMeetings),
        },
        { key: 'allowance', label: '岗位津贴', children: filing.postAllowanceYuan === null ? '—' : `${String(filing.postAllowanceYuan)} 元/月` },
        {
          key: 'benefits',
          label: '工作、生活待遇',
          children: filing.treatmentBenefits.length ? filing.treatmentBenefits.map(treatmentBenefitLabel).join('；') : '—',
        },
        { key: 'treatment', label: '其他待遇说明', children: filing.treatment || '—' },
        ...(filing.selectionId !== null ? [{ key: 'selection', label: '竞争聘用', children: <SelectionLink id={filing.selectionId} /> }] : []),
        ...(filing.exitCause ? [{ key: 'exitCause', label: '退出原因', children: exitCauseLabel(filing.exitCause) }] : []),
        { key: 'letter', label: '授权书', children: <LetterLink filing={filing} /> },
      ]}
    />
  );
}

/** The competitive selection a filing came from, on the enterprise's or the bureau's page. */
function SelectionLink({ id }: { id: number }) {
  const { hasPermission } = useSession();
  return <Link to={`${hasPermission('filings:manage') ? '/my-selections' : '/selections'}/${String(id)}`}>{`竞争聘用记录（第 ${String(id)} 号）`}</Link>;
}

/** The person (ID number masked). */
export function PersonDescriptions({ person }: { person: Omit<Person, 'id'> }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: 'name', label: '姓名', children: person.name },
        { key: 'id', label: '居民身份证号', children: <span className="mono id-masked">{person.idNumberMasked}</span> },
        { key: 'gender', label: '性别', children: genderLabel(person.gender) },
        { key: 'birth', label: '出生日期', children: person.birthDate },
        { key: 'phone', label: '联系电话', children: person.phone ?? '—' },
        { key: 'education', label: '学历', children: educationLabel(person.education) },
        { key: 'years', label: '质量管理工作年限', children: `${person.qualityYears} 年` },
        { key: 'title', label: '现任职务', children: person.positionTitle },
        { key: 'level', label: '职务层级', children: positionLabel(person.positionLevel) },
      ]}
    />
  );
}

/** Every submission with the bureau's decision and remarks, then the end of the appointment when it ended. */
export function RoundsTimeline({ filing, rounds }: { filing: Filing; rounds: FilingRound[] }) {
  if (rounds.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未提交" />;
  const items = rounds.map((r) => {
    const d = r.decision ? DECISIONS[r.decision] : null;
    return {
      key: `round-${r.round}`,
      color: d?.color ?? 'blue',
      content: (
        <div className="round-item">
          <Space wrap size={[8, 0]}>
            <Typography.Text strong>第 {r.round} 轮</Typography.Text>
            <Typography.Text type="secondary">提交于 {formatDateTimeShort(r.submittedAt)}</Typography.Text>
          </Space>
          <div className="round-decision">
            {d ? (
              <>
                <Tag color={d.color}>{d.label}</Tag>
                <Typography.Text type="secondary">{formatDateTimeShort(r.decidedAt)}</Typography.Text>
              </>
            ) : (
              <Tag color="processing">待审核</Tag>
            )}
          </div>
          {r.remarks ? (
            <div className="round-remarks">
              {r.decision === 'rejected' ? '理由' : '意见'}：{r.remarks}
            </div>
          ) : null}
        </div>
      ),
    };
  });
  if (filing.status === 'ended') {
    items.push({
      key: 'ended',
      color: 'gray',
      content: (
        <div className="round-item">
          <Space wrap size={[8, 0]}>
            <Typography.Text strong>聘任结束：{endKindLabel(filing.endKind)}</Typography.Text>
            <Typography.Text type="secondary">{dateText(filing.endedAt)}</Typography.Text>
          </Space>
          {filing.endReason ? <div className="round-remarks">原因：{filing.endReason}</div> : null}
        </div>
      ),
    });
  }
  return <Timeline className="rounds-timeline" items={items} />;
}
