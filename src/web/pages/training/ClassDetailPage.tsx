import { DownloadOutlined, QrcodeOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Spin, Table, Tabs, Tag, Tooltip, Typography, Upload, type TableColumnsType, type UploadProps } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ATTENDANCE_STATUS_LABELS, ATTENDANCE_STATUSES, SCORE_IMPORT_FIELD_COLUMNS, type AttendanceStatus } from '../../../domain/training';
import { api, ApiError, errorMessage, type FieldError } from '../../api/client';
import type { Roster, RosterItem, TrainingClassDetail, TrainingSession } from '../../api/training-types';
import { download } from '../../components/download';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import { AttendanceTag, certificatePdfHref, EnrolmentTag, FormatTag, TierTag, timeRange } from './common';
import { SurveyReportView } from './SurveyReportView';
import './training.css';

type Dialog =
  | { kind: 'attendance'; item: RosterItem; session: TrainingSession }
  | { kind: 'score'; item: RosterItem }
  | { kind: 'revoke' | 'reissue'; item: RosterItem }
  | { kind: 'cancel-class' }
  | null;

interface ScoreImportProblem {
  key: number;
  row: number | null;
  column: string;
  reason: string;
}

/** `rows.<row>.<field>` of a refused score import as row number and column; `file` problems have no row. */
function scoreImportProblems(fields: readonly FieldError[]): ScoreImportProblem[] {
  return fields.map((f, i) => {
    const [head, row, field] = f.path.split('.');
    if (head === 'rows' && row !== undefined) return { key: i, row: Number(row), column: SCORE_IMPORT_FIELD_COLUMNS[field ?? ''] ?? field ?? '', reason: f.message };
    return { key: i, row: null, column: f.path === 'file' ? '文件' : f.path, reason: f.message };
  });
}

/** 下载成绩模板 / 导入成绩: the Excel round trip of a class's scores; a refused file lists every bad row. */
function ScoreImport({ c, onImported }: { c: TrainingClassDetail; onImported: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [refused, setRefused] = useState<{ message: string; problems: ScoreImportProblem[] } | null>(null);
  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const data = new FormData();
    data.append('file', file as Blob);
    setUploading(true);
    setRefused(null);
    api
      .upload<{ imported: number; changed: number }>(`/api/training/classes/${String(c.id)}/scores/import`, data)
      .then(async (r) => {
        onSuccess?.(r);
        message.success(`已导入 ${String(r.imported)} 名学员的成绩，其中 ${String(r.changed)} 名有变动`);
        await onImported();
      })
      .catch((err: unknown) => {
        onError?.(err as Error);
        if (err instanceof ApiError && err.status === 400 && err.fields.some((f) => f.path.startsWith('rows.'))) setRefused({ message: err.message, problems: scoreImportProblems(err.fields) });
        else message.error(errorMessage(err));
      })
      .finally(() => setUploading(false));
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => download(`/api/training/classes/${String(c.id)}/scores/template.xlsx`)}>
        下载成绩模板
      </Button>
      <Upload accept=".xlsx" showUploadList={false} maxCount={1} customRequest={upload}>
        <Button icon={<UploadOutlined />} loading={uploading}>
          导入成绩
        </Button>
      </Upload>
      <Modal title="成绩未导入" open={refused !== null} onCancel={() => setRefused(null)} footer={<Button onClick={() => setRefused(null)}>关闭</Button>} width={720} destroyOnHidden>
        <Alert type="error" showIcon title={refused?.message} description="文件中的成绩均未导入。请按下表修改后重新导入。" style={{ marginBottom: 12 }} />
        <Table<ScoreImportProblem>
          rowKey="key"
          size="small"
          className="score-import-problems"
          dataSource={refused?.problems ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70, render: (v: number | null) => (v === null ? '—' : `第 ${String(v)} 行`) },
            { title: '列', dataIndex: 'column', width: 100 },
            { title: '问题', dataIndex: 'reason' },
          ]}
        />
      </Modal>
    </>
  );
}

function RosterTab({ c }: { c: TrainingClassDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roster = useQuery({ queryKey: ['training', 'roster', c.id], queryFn: () => api.get<Roster>(`/api/training/classes/${String(c.id)}/roster`) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [form] = Form.useForm<{ status?: AttendanceStatus; reason?: string; score?: number | null; makeupScore?: number | null }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['training'] });
  const act = useMutation({
    mutationFn: async (v: { status?: AttendanceStatus; reason?: string; score?: number | null; makeupScore?: number | null }) => {
      if (!dialog) return;
      if (dialog.kind === 'attendance') await api.put(`/api/training/sessions/${String(dialog.session.id)}/attendance/${String(dialog.item.id)}`, { status: v.status, reason: v.reason ?? '' });
      if (dialog.kind === 'score') {
        const entry: Record<string, unknown> = { enrolmentId: dialog.item.id, score: v.score ?? null };
        if (v.score !== undefined && v.score !== null && v.score < c.passMark) entry.makeupScore = v.makeupScore ?? null;
        await api.put(`/api/training/classes/${String(c.id)}/scores`, { entries: [entry] });
      }
      if ((dialog.kind === 'revoke' || dialog.kind === 'reissue') && dialog.item.certificate) await api.post(`/api/training/certificates/${String(dialog.item.certificate.id)}/${dialog.kind}`, { reason: v.reason ?? '' });
    },
    onSuccess: async () => {
      message.success('已保存');
      setDialog(null);
      await refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const issue = useMutation({
    mutationFn: (id: number) => api.post(`/api/training/enrolments/${String(id)}/certificate`),
    onSuccess: async () => {
      message.success('合格证已发放');
      await refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const bulk = useMutation({
    mutationFn: () => api.post<{ jobId: number }>(`/api/training/classes/${String(c.id)}/certificates`),
    onSuccess: (r) => setJobId(r.jobId),
    onError: (err) => message.error(errorMessage(err)),
  });
  if (roster.isPending) return <Spin />;
  if (roster.isError) return <Alert type="error" showIcon title={errorMessage(roster.error)} />;
  const open = (d: Dialog) => {
    form.resetFields();
    if (d?.kind === 'score') form.setFieldsValue({ score: d.item.score, makeupScore: d.item.makeupScore });
    if (d?.kind === 'attendance') form.setFieldsValue({ status: d.item.attendance[String(d.session.id)]?.status ?? 'present' });
    setDialog(d);
  };
  const deliver = c.canDeliver && c.status === 'open';
  const columns: TableColumnsType<RosterItem> = [
    { title: '姓名', dataIndex: 'name', fixed: 'left', width: 90 },
    { title: '所在企业', dataIndex: 'enterpriseName', width: 200, render: (v: string | null) => v ?? '—' },
    {
      title: '报名',
      dataIndex: 'status',
      width: 110,
      render: (_v, r) => (
        <Tooltip title={r.priorityLabel}>
          <EnrolmentTag status={r.status} />
          {r.waitlistPosition !== null ? `第 ${String(r.waitlistPosition)} 位` : null}
          {r.priority < 2 && r.status === 'waitlisted' ? <Tag color="gold">优先</Tag> : null}
        </Tooltip>
      ),
    },
    ...roster.data.sessions.map((s, i) => ({
      title: <Tooltip title={`${s.title} ${timeRange(s.startsAt, s.endsAt)}`}>{`第${String(i + 1)}课`}</Tooltip>,
      key: `s${String(s.id)}`,
      width: 90,
      render: (_v: unknown, r: RosterItem) => {
        if (r.status !== 'enrolled') return null;
        const a = r.attendance[String(s.id)];
        const tag = (
          <span className={deliver ? 'training-roster-cell' : undefined}>
            <AttendanceTag status={a?.status ?? null} />
          </span>
        );
        const tip = a?.correctionReason ? `更正：${a.correctionReason}` : a?.method === 'qr' ? '扫码签到' : undefined;
        return deliver ? (
          <Tooltip title={tip ?? '点击更正考勤'}>
            <a onClick={() => open({ kind: 'attendance', item: r, session: s })}>{tag}</a>
          </Tooltip>
        ) : (
          <Tooltip title={tip}>{tag}</Tooltip>
        );
      },
    })),
    { title: '出勤率', key: 'att', width: 80, render: (_v, r) => (r.status === 'enrolled' ? `${String(r.completion.attendancePercent)}%` : '') },
    {
      title: '成绩',
      key: 'score',
      width: 110,
      render: (_v, r) =>
        r.status !== 'enrolled' ? null : (
          <Space size={4}>
            <span>{r.score === null ? '—' : r.makeupScore !== null ? `${String(r.score)}/补${String(r.makeupScore)}` : r.score}</span>
            {deliver ? <a onClick={() => open({ kind: 'score', item: r })}>录入</a> : null}
          </Space>
        ),
    },
    { title: '结业', key: 'complete', width: 80, render: (_v, r) => (r.status !== 'enrolled' ? null : r.completion.complete ? <Tag color="success">结业</Tag> : <Tooltip title={r.completion.missing.join('；')}><Tag>未结业</Tag></Tooltip>) },
    { title: '评估', dataIndex: 'surveyDone', width: 70, render: (v: boolean) => (v ? <Tag color="green">已评</Tag> : '') },
    {
      title: '合格证',
      key: 'cert',
      width: 260,
      render: (_v, r) => {
        if (r.certificate) {
          return (
            <Space size={4} wrap>
              <a onClick={() => download(certificatePdfHref(r.certificate?.id ?? 0))}>{r.certificate.serial}</a>
              {r.certificate.status !== 'valid' ? <Tag color="error">已撤销</Tag> : null}
              {c.canDeliver && r.certificate.status === 'valid' ? <a onClick={() => open({ kind: 'revoke', item: r })}>撤销</a> : null}
              {c.canDeliver ? <a onClick={() => open({ kind: 'reissue', item: r })}>换发</a> : null}
            </Space>
          );
        }
        return deliver && r.status === 'enrolled' && r.completion.complete ? (
          <Button size="small" loading={issue.isPending && issue.variables === r.id} onClick={() => issue.mutate(r.id)}>
            发证
          </Button>
        ) : null;
      },
    },
  ];
  const dialogTitle =
    dialog?.kind === 'attendance' ? `更正考勤：${dialog.item.name} · ${dialog.session.title}` : dialog?.kind === 'score' ? `录入成绩：${dialog.item.name}（合格线 ${String(c.passMark)} 分）` : dialog?.kind === 'revoke' ? `撤销合格证：${dialog.item.name}` : dialog?.kind === 'reissue' ? `换发合格证：${dialog.item.name}` : '';
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => download(`/api/training/classes/${String(c.id)}/roster.xlsx`)}>
          导出花名册
        </Button>
        {deliver ? <ScoreImport c={c} onImported={refresh} /> : null}
        {deliver ? (
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={bulk.isPending} onClick={() => bulk.mutate()}>
            批量发放合格证
          </Button>
        ) : null}
        <Typography.Text type="secondary">
          结业条件：出勤率 ≥ {c.minAttendancePercent}%，考核 ≥ {c.passMark} 分（可补考）
        </Typography.Text>
      </Space>
      {roster.data.items.some((i) => i.status === 'waitlisted') ? <Alert className="form-alert" type="info" showIcon title="候补规则" description={roster.data.waitlistRule} /> : null}
      {jobId !== null ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <JobProgress jobId={jobId} onFinished={() => void refresh()} renderResult={(j) => `已发放 ${String((j.result as { issued?: number } | null)?.issued ?? 0)} 份合格证`} />
        </Card>
      ) : null}
      <Table<RosterItem> rowKey="id" size="small" dataSource={roster.data.items} columns={columns} scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      <Modal title={dialogTitle} open={dialog !== null && dialog.kind !== 'cancel-class'} onCancel={() => setDialog(null)} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
          {dialog?.kind === 'attendance' ? (
            <Form.Item name="status" label="考勤" rules={[{ required: true }]}>
              <Select options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: ATTENDANCE_STATUS_LABELS[s] }))} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'score' ? (
            <>
              <Form.Item name="score" label="考核成绩">
                <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="makeupScore" label="补考成绩（首次考核不合格时）">
                <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'attendance' || dialog?.kind === 'revoke' || dialog?.kind === 'reissue' ? (
            <Form.Item name="reason" label={dialog.kind === 'attendance' ? '更正理由' : dialog.kind === 'revoke' ? '撤销理由' : '换发理由'} rules={[{ required: true, min: 2, message: '请填写理由（至少 2 个字）' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}

/** An enterprise enrols one of its officers or candidates (a full class puts them on the waiting list). */
function EnterpriseEnrol({ c }: { c: TrainingClassDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [candidateId, setCandidateId] = useState<number | undefined>();
  const candidates = useQuery({ queryKey: ['candidates'], queryFn: () => api.get<{ id: number; name: string; idNumberMasked: string }[]>('/api/candidates') });
  const enrol = useMutation({
    mutationFn: () => api.post<{ status: 'enrolled' | 'waitlisted' }>(`/api/training/classes/${String(c.id)}/enrolments`, { candidateId }),
    onSuccess: async (r) => {
      message.success(r.status === 'enrolled' ? '报名成功' : '名额已满，已进入候补');
      await queryClient.invalidateQueries({ queryKey: ['training'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card size="small" title="为本企业人员报名">
      <Space wrap>
        <Select
          style={{ width: 260 }}
          placeholder="选择首席质量官或拟任人员"
          loading={candidates.isPending}
          value={candidateId}
          onChange={setCandidateId}
          options={(candidates.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.idNumberMasked}）` }))}
        />
        <Button type="primary" disabled={candidateId === undefined} loading={enrol.isPending} onClick={() => enrol.mutate()}>
          报名
        </Button>
      </Space>
    </Card>
  );
}

/** One class: particulars and sessions (with the sign-in screen), the roster and the effect-evaluation report. */
export default function ClassDetailPage() {
  const classId = Number(useParams().id);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const detail = useQuery({ queryKey: ['training', 'class', classId], queryFn: () => api.get<TrainingClassDetail>(`/api/training/classes/${String(classId)}`) });
  const cancel = useMutation({
    mutationFn: () => api.post(`/api/training/classes/${String(classId)}/cancel`, { reason }),
    onSuccess: async () => {
      setCancelOpen(false);
      message.success('培训班已取消，已通知报名学员');
      await queryClient.invalidateQueries({ queryKey: ['training'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  if (detail.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (detail.isError) return <Alert type="error" showIcon title={errorMessage(detail.error)} />;
  const c = detail.data;
  return (
    <div className="page">
      <PageHeader
        title={c.name}
        description={
          <Space size={4} wrap>
            <TierTag tier={c.tier} />
            <FormatTag format={c.format} />
            {c.status === 'cancelled' ? <Tag color="error">已取消：{c.statusReason}</Tag> : null}
          </Space>
        }
        extra={
          c.canManage && c.status === 'open' ? (
            <Button danger onClick={() => setCancelOpen(true)}>
              取消培训班
            </Button>
          ) : null
        }
      />
      <Tabs
        items={[
          {
            key: 'info',
            label: '概况与签到',
            children: (
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                {c.canEnrolCandidates ? <EnterpriseEnrol c={c} /> : c.enrolRefusal && c.status === 'open' ? <Alert type="info" showIcon title={`报名：${c.enrolRefusal}`} /> : null}
                <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label="主办单位">{c.orgUnitName}市场监督管理局</Descriptions.Item>
                  <Descriptions.Item label="承办机构">{c.providerName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="地点/链接">{c.venue ?? c.onlineLink ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="学时">{c.hours}</Descriptions.Item>
                  <Descriptions.Item label="名额">
                    已报名 {c.enrolled} / {c.capacity}
                    {c.waitlisted ? `，候补 ${String(c.waitlisted)}` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label="报名截止">{c.enrolDeadline ?? '开课前'}</Descriptions.Item>
                  <Descriptions.Item label="结业条件">
                    出勤率 ≥ {c.minAttendancePercent}%，考核 ≥ {c.passMark} 分
                  </Descriptions.Item>
                  <Descriptions.Item label="合格证有效期">{c.certificateValidMonths ? `${String(c.certificateValidMonths)} 个月` : '长期'}</Descriptions.Item>
                  <Descriptions.Item label="讲师" span={2}>
                    {c.instructors.length === 0 ? '—' : c.instructors.map((i) => `${i.name}（${i.organisation}${i.topic ? `，${i.topic}` : ''}）`).join('；')}
                  </Descriptions.Item>
                  {c.description ? (
                    <Descriptions.Item label="说明" span={2}>
                      {c.description}
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
                <Table<TrainingSession>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={c.sessions}
                  columns={[
                    { title: '课次', dataIndex: 'title' },
                    { title: '时间', key: 'time', render: (_v, s) => timeRange(s.startsAt, s.endsAt) },
                    {
                      title: '签到',
                      key: 'qr',
                      render: (_v, s) =>
                        c.canDeliver && c.status === 'open' ? (
                          <Button size="small" icon={<QrcodeOutlined />} href={`/training/sessions/${String(s.id)}/screen`} target="_blank">
                            签到二维码投屏
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              </Space>
            ),
          },
          ...(c.canDeliver ? [{ key: 'roster', label: '花名册与考核', children: <RosterTab c={c} /> }] : []),
          ...(c.canSeeSurveyReport ? [{ key: 'survey', label: '效果评估', children: <SurveyReportView classId={c.id} /> }] : []),
        ]}
      />
      <Modal title="取消培训班" open={cancelOpen} onCancel={() => setCancelOpen(false)} onOk={() => cancel.mutate()} okText="确认取消" cancelText="返回" okButtonProps={{ danger: true }} confirmLoading={cancel.isPending}>
        <Input.TextArea rows={3} placeholder="请填写取消原因（将通知已报名学员）" value={reason} onChange={(ev) => setReason(ev.target.value)} maxLength={500} aria-label="取消原因" />
      </Modal>
    </div>
  );
}
