import { DeleteOutlined, FileAddOutlined, FormOutlined, LinkOutlined, SafetyCertificateOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Candidate, Filing, InvitationIssued } from '../../api/filing-types';
import { useConfirmAction } from '../../components/confirm-action';
import { educationLabel, genderLabel, positionLabel } from '../../components/filing-dict';
import { formatDate } from '../../components/format';
import { useIsMobile } from '../../components/use-is-mobile';
import { CandidateCorrectModal, CandidateFormModal } from './CandidateFormModal';
import { InvitationModal, type Invitation } from './InvitationModal';
import { QualificationsModal } from './QualificationsModal';
import { CANDIDATES_KEY } from './queries';
import type { Ok } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

/**
 * 拟任人员: the enterprise's candidates with what can be done to each (新建备案, 更正信息, 职称与证书, 邀请注册, 移出)
 * and the modals those open.
 */
export function CandidatePoolCard({
  pool,
  active,
  inProgress,
  onStartFiling,
}: {
  pool: Candidate[];
  /** the filing in force, if any */
  active: Filing | null;
  /** the filing being handled, if any */
  inProgress: Filing | null;
  onStartFiling: (candidateId: number) => void;
}) {
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { confirm } = useConfirmAction();
  const [recording, setRecording] = useState(false);
  // kept after closing so the modal still shows the person while it fades out
  const [correcting, setCorrecting] = useState<Candidate | null>(null);
  const [correctOpen, setCorrectOpen] = useState(false);
  const [inviting, setInviting] = useState<number | null>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [invitationOpen, setInvitationOpen] = useState(false);
  const [qualPerson, setQualPerson] = useState<Candidate | null>(null);
  const [qualOpen, setQualOpen] = useState(false);

  const removeCandidate = (c: Candidate) =>
    confirm({
      title: `将 ${c.name} 移出拟任人员？`,
      content: '移出后不能再为其新建备案；已结束的备案记录仍然保留。如需再次备案，重新登记即可。',
      okText: '移出',
      danger: true,
      // a refusal (409: a filing for them is in progress or in force) is shown by its message
      action: () => api.delete<Ok>(`/api/candidates/${c.id}`),
      success: `已将 ${c.name} 移出拟任人员`,
      invalidate: [CANDIDATES_KEY],
    });

  // an invitation is issued whatever the candidate's state (the enterprise is not told); the registration it leads
  // to is linked only after the bureau confirms it
  const invite = async (c: Candidate) => {
    setInviting(c.id);
    try {
      const answer = await api.post<InvitationIssued>(`/api/candidates/${c.id}/invitations`);
      setInvitation({ personName: c.name, url: answer.url, expiresAt: answer.expiresAt });
      setInvitationOpen(true);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setInviting(null);
    }
  };

  const candidateActions = (c: Candidate) => {
    const busy = active?.candidateId === c.id || inProgress?.candidateId === c.id;
    return (
      <Space wrap size={[8, 6]} className="candidate-actions">
        {active?.candidateId === c.id ? (
          <Tag color="success">在任</Tag>
        ) : inProgress?.candidateId === c.id ? (
          <Tag color="processing">备案办理中</Tag>
        ) : (
          <Tooltip title={inProgress ? '已有一份办理中的备案，完成或撤回后才能新建' : undefined}>
            <Button size="small" icon={<FileAddOutlined />} disabled={inProgress !== null} onClick={() => onStartFiling(c.id)}>
              新建备案
            </Button>
          </Tooltip>
        )}
        <Button
          size="small"
          icon={<FormOutlined />}
          onClick={() => {
            setCorrecting(c);
            setCorrectOpen(true);
          }}
        >
          更正信息
        </Button>
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          onClick={() => {
            setQualPerson(c);
            setQualOpen(true);
          }}
        >
          职称与证书
        </Button>
        <Button size="small" icon={<LinkOutlined />} loading={inviting === c.id} onClick={() => void invite(c)}>
          邀请注册
        </Button>
        <Tooltip title={busy ? '有办理中或在任的备案，不能移出' : undefined}>
          <Button size="small" danger icon={<DeleteOutlined />} disabled={busy} onClick={() => removeCandidate(c)}>
            移出
          </Button>
        </Tooltip>
      </Space>
    );
  };

  const candidateColumns: TableColumnsType<Candidate> = [
    {
      title: '姓名',
      key: 'name',
      render: (_v, c) => (
        <div className="cell-stack">
          <Typography.Text strong>{c.name}</Typography.Text>
          <Typography.Text type="secondary" className="mono">
            {c.idNumberMasked}
          </Typography.Text>
          {isMobile ? (
            <>
              <Typography.Text type="secondary">
                {educationLabel(c.education)} · 质量管理 {c.qualityYears} 年 · {c.positionTitle}（{positionLabel(c.positionLevel)}）
              </Typography.Text>
              <div className="cell-actions">{candidateActions(c)}</div>
            </>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '性别', dataIndex: 'gender', render: (v: string) => genderLabel(v) },
          { title: '出生日期', dataIndex: 'birthDate', render: (v: string) => <span className="nowrap">{v}</span> },
          { title: '学历', dataIndex: 'education', render: (v: string) => educationLabel(v) },
          { title: '质量管理年限', dataIndex: 'qualityYears', render: (v: number) => `${v} 年` },
          {
            title: '现任职务',
            key: 'position',
            render: (_v, c) => (
              <div className="cell-stack">
                <span>{c.positionTitle}</span>
                <Typography.Text type="secondary">{positionLabel(c.positionLevel)}</Typography.Text>
              </div>
            ),
          },
          { title: '登记时间', dataIndex: 'recordedAt', render: (v: string) => <span className="nowrap">{formatDate(v)}</span> },
          { title: '操作', key: 'actions', render: (_v, c) => candidateActions(c) },
        ] as TableColumnsType<Candidate>)),
  ];

  return (
    <>
      <Card
        size="small"
        className="block-card"
        title={`拟任人员（${pool.length}）`}
        extra={
          <Button size="small" type={pool.length === 0 ? 'primary' : 'default'} icon={<UserAddOutlined />} onClick={() => setRecording(true)}>
            登记拟任人员
          </Button>
        }
      >
        {pool.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记拟任人员。请先登记拟任人员，再新建备案。" />
        ) : (
          <>
            <Typography.Paragraph type="secondary" className="card-lead">
              竞争上岗的可登记多名拟任人员，备案时选择其中一人。身份证号只显示脱敏号码。
            </Typography.Paragraph>
            <Table<Candidate>
              rowKey="id"
              size="small"
              columns={candidateColumns}
              dataSource={pool}
              pagination={false}
              {...(isMobile ? {} : { scroll: { x: 'max-content' } })}
            />
          </>
        )}
      </Card>

      <CandidateFormModal
        open={recording}
        onClose={() => setRecording(false)}
        onSaved={(_answer, name) => {
          setRecording(false);
          void queryClient.invalidateQueries({ queryKey: CANDIDATES_KEY });
          message.success(`已登记拟任人员：${name}`);
        }}
      />
      <CandidateCorrectModal
        open={correctOpen}
        candidate={correcting}
        onClose={() => setCorrectOpen(false)}
        onSaved={(name) => {
          setCorrectOpen(false);
          void queryClient.invalidateQueries({ queryKey: CANDIDATES_KEY });
          // filings show the person's facts too
          void queryClient.invalidateQueries({ queryKey: queryKeys.filingPages });
          message.success(`已更正 ${name} 的信息`);
        }}
      />
      <InvitationModal open={invitationOpen} invitation={invitation} onClose={() => setInvitationOpen(false)} />
      <QualificationsModal open={qualOpen} person={qualPerson} onClose={() => setQualOpen(false)} />
    </>
  );
}
