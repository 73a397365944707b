import { DeleteOutlined, DownloadOutlined, EditOutlined, EyeOutlined, FileAddOutlined, FormOutlined, LinkOutlined, SafetyCertificateOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Page } from '../../api/types';
import type { Candidate, Filing, FilingDetail } from '../../api/filing-types';
import { download } from '../../components/download';
import { currentRemarks, dateText, educationLabel, genderLabel, isEditable, isInProgress, positionLabel } from '../../components/filing-dict';
import { formatDate, formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
import { CandidateCorrectModal, CandidateFormModal } from './CandidateFormModal';
import { EndFilingModal } from './EndFilingModal';
import { InvitationModal, type Invitation } from './InvitationModal';
import { QualificationsModal } from './QualificationsModal';
import { DeadlineText, FilingStatusTag, proofHref, RoundsTimeline } from './FilingParts';
import { CANDIDATES_KEY, fetchFiling, filingKey, FILINGS_KEY, useFilingChanged } from './queries';
import './filings.css';

const MINE_KEY = [...FILINGS_KEY, 'mine'] as const;

/** 聘任备案 for an enterprise: the CQO in office, the filing in progress, the candidates and every filing so far. */
export default function MyFilingsPage() {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const changed = useFilingChanged();
  const [recording, setRecording] = useState(false);
  // kept after closing so the modal still shows the person while it fades out
  const [correcting, setCorrecting] = useState<Candidate | null>(null);
  const [correctOpen, setCorrectOpen] = useState(false);
  const [ending, setEnding] = useState<Filing | null>(null);
  const [inviting, setInviting] = useState<number | null>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [invitationOpen, setInvitationOpen] = useState(false);
  const [qualPerson, setQualPerson] = useState<Candidate | null>(null);
  const [qualOpen, setQualOpen] = useState(false);

  const filings = useQuery({ queryKey: MINE_KEY, queryFn: () => api.get<Page<Filing>>('/api/filings', { page: 1, pageSize: 200 }) });
  const candidates = useQuery({ queryKey: CANDIDATES_KEY, queryFn: () => api.get<Candidate[]>('/api/candidates') });

  if (filings.isPending || candidates.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  const notConfirmed = [filings.error, candidates.error].some((e) => e instanceof ApiError && e.status === 403);
  if (notConfirmed) {
    return (
      <div className="page">
        <Result
          status="info"
          title="企业注册尚未确认"
          subTitle="主管市场监管局确认企业注册后，即可办理首席质量官聘任备案。"
          extra={
            <Button type="primary" onClick={() => void navigate('/my-enterprise')}>
              查看注册审核进度
            </Button>
          }
        />
      </div>
    );
  }
  if (filings.isError || candidates.isError) {
    return (
      <div className="page">
        <Alert
          type="error"
          showIcon
          title="聘任备案加载失败"
          description={errorMessage(filings.error ?? candidates.error)}
          action={
            <Button
              size="small"
              onClick={() => {
                void filings.refetch();
                void candidates.refetch();
              }}
            >
              重试
            </Button>
          }
        />
      </div>
    );
  }

  const items = filings.data.items;
  const active = items.find((f) => f.status === 'active') ?? null;
  const inProgress = items.find((f) => isInProgress(f.status)) ?? null;
  const pool = candidates.data;

  const withdraw = (f: Filing) =>
    modal.confirm({
      title: f.status === 'draft' ? '放弃这份备案草稿？' : '撤回这份备案？',
      content:
        f.status === 'submitted'
          ? '撤回后主管局不再审核。如需备案，须重新新建并提交。'
          : f.status === 'returned'
            ? '撤回后本次备案结束，不能再修改提交。如需备案，须重新新建。'
            : '放弃后草稿不能再修改提交。',
      okText: f.status === 'draft' ? '放弃草稿' : '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          changed(await api.post<FilingDetail>(`/api/filings/${f.id}/withdraw`));
          message.success(f.status === 'draft' ? '草稿已放弃' : '备案已撤回');
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const startFiling = (candidateId?: number) => void navigate(candidateId ? `/my-filings/new?candidateId=${candidateId}` : '/my-filings/new');

  const removeCandidate = (c: Candidate) =>
    modal.confirm({
      title: `将 ${c.name} 移出拟任人员？`,
      content: '移出后不能再为其新建备案；已结束的备案记录仍然保留。如需再次备案，重新登记即可。',
      okText: '移出',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.delete<{ ok: true }>(`/api/candidates/${c.id}`);
          message.success(`已将 ${c.name} 移出拟任人员`);
        } catch (error) {
          // 409: a filing for them is in progress or in force
          message.error(errorMessage(error));
        } finally {
          void queryClient.invalidateQueries({ queryKey: CANDIDATES_KEY });
        }
      },
    });

  // an invitation is issued whatever the candidate's state (the enterprise is not told); the registration it leads
  // to is linked only after the bureau confirms it
  const invite = async (c: Candidate) => {
    setInviting(c.id);
    try {
      const answer = await api.post<{ url: string; expiresAt: string }>(`/api/candidates/${c.id}/invitations`);
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
            <Button size="small" icon={<FileAddOutlined />} disabled={inProgress !== null} onClick={() => startFiling(c.id)}>
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

  const historyColumns: TableColumnsType<Filing> = [
    {
      title: '拟任人员',
      key: 'person',
      render: (_v, f) => (
        <div className="cell-stack">
          <Link to={`/my-filings/${f.id}`}>{f.personName}</Link>
          <Typography.Text type="secondary" className="mono">
            {f.idNumberMasked}
          </Typography.Text>
          {isMobile ? (
            <span className="cell-actions">
              <FilingStatusTag filing={f} /> {f.round ? `第 ${f.round} 轮` : '未提交'}
            </span>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '状态', key: 'status', render: (_v, f) => <FilingStatusTag filing={f} /> },
          { title: '聘任日期', dataIndex: 'appointmentDate', render: (v: string | null) => <span className="nowrap">{dateText(v)}</span> },
          { title: '最近提交', dataIndex: 'submittedAt', render: (v: string | null) => <span className="nowrap">{formatDateTimeShort(v)}</span> },
          { title: '轮次', dataIndex: 'round', render: (v: number) => (v ? `第 ${v} 轮` : '未提交') },
          {
            title: '主管局意见',
            key: 'remarks',
            render: (_v, f) => {
              const remarks = currentRemarks(f);
              return remarks ? <span className="reason-text">{remarks}</span> : <Typography.Text type="secondary">—</Typography.Text>;
            },
          },
        ] as TableColumnsType<Filing>)),
  ];

  return (
    <div className="page">
      <PageHeader
        title="聘任备案"
        description="企业聘任首席质量官后，向主管市场监管局备案。先登记拟任人员，再新建备案、上传授权书并提交。"
        extra={
          inProgress === null && pool.length > 0 ? (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => startFiling()}>
              新建备案
            </Button>
          ) : null
        }
      />

      <Row gutter={[16, 0]}>
        {/* what needs doing first: the filing in progress leads while no officer is in office */}
        <Col xs={{ span: 24, order: active ? 1 : 2 }} lg={{ span: inProgress ? 12 : 24, order: 1 }}>
          <CurrentOfficerCard filing={active} onEnd={() => setEnding(active)} />
        </Col>
        {inProgress ? (
          <Col xs={{ span: 24, order: active ? 2 : 1 }} lg={{ span: 12, order: 2 }}>
            <InProgressCard filing={inProgress} replacing={active !== null} onWithdraw={() => withdraw(inProgress)} />
          </Col>
        ) : null}
      </Row>

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

      <Card size="small" className="block-card" title="备案记录">
        <Table<Filing>
          rowKey="id"
          size="small"
          columns={historyColumns}
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
          {...(isMobile ? {} : { scroll: { x: 'max-content' } })}
          locale={{ emptyText: '暂无备案记录' }}
          expandable={{
            expandedRowRender: (f) => <RoundsOf filingId={f.id} />,
            rowExpandable: (f) => f.round > 0,
          }}
        />
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
          void queryClient.invalidateQueries({ queryKey: ['filing'] });
          message.success(`已更正 ${name} 的信息`);
        }}
      />
      <InvitationModal open={invitationOpen} invitation={invitation} onClose={() => setInvitationOpen(false)} />
      <QualificationsModal open={qualOpen} person={qualPerson} onClose={() => setQualOpen(false)} />
      <EndFilingModal
        filing={ending}
        onClose={() => setEnding(null)}
        onEnded={(f) => {
          setEnding(null);
          changed(f);
          message.success('聘任已结束，备案证明已失效');
        }}
      />
    </div>
  );
}

/** 在任首席质量官, with the proof to download and the way to end the appointment. */
function CurrentOfficerCard({ filing, onEnd }: { filing: Filing | null; onEnd: () => void }) {
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

/** The filing being handled: its state, the bureau's remarks when returned, and what to do next. */
function InProgressCard({ filing, replacing, onWithdraw }: { filing: Filing; replacing: boolean; onWithdraw: () => void }) {
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
            <Typography.Text type="secondary">退回时间：{formatDateTimeShort(filing.decidedAt)}。原填写内容已保留，修改后再次提交为第 {filing.round + 1} 轮。</Typography.Text>
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

/** The rounds of one filing, loaded when its row is expanded. */
function RoundsOf({ filingId }: { filingId: number }) {
  const detail = useQuery({ queryKey: filingKey(filingId), queryFn: () => fetchFiling(filingId) });
  if (detail.isPending) return <Spin size="small" />;
  if (detail.isError) return <Alert type="error" showIcon title="审核记录加载失败" description={errorMessage(detail.error)} />;
  return <RoundsTimeline filing={detail.data} rounds={detail.data.rounds} />;
}
