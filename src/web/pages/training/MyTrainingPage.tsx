import { DownloadOutlined, FormOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { EnrolResult, MyTraining, MyTrainingItem, Page, TrainingClassListItem } from '../../api/training-types';
import { download } from '../../components/download';
import { QueryState, type QueryLike } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { AttendanceTag, certificatePdfHref, classPeriod, EnrolmentTag, FormatTag, TierTag, timeRange } from './common';
import './training.css';
import { queryKeys } from '../../api/query-keys';

export const MY_TRAINING_KEY = queryKeys.training.mine;

function MyClassCard({ item }: { item: MyTrainingItem }) {
  const [cancelling, setCancelling] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const e = item.enrolment;
  const cancel = useFormMutation({
    form,
    mutationFn: (v: { reason: string }) => api.post(`/api/training/enrolments/${String(e.id)}/cancel`, { reason: v.reason.trim() }),
    success: '已取消报名',
    invalidate: [queryKeys.training.all],
    onDone: () => setCancelling(false),
  });
  const started = e.sessions.some((s) => new Date(s.startsAt).getTime() <= Date.now());
  const attended = e.sessions.some((s) => s.attendance === 'present' || s.attendance === 'late');
  const canSurvey = e.status === 'enrolled' && item.classStatus === 'open' && !e.surveySubmittedAt && (started || attended);
  return (
    <Card size="small" className="training-card" data-testid={`my-class-${String(item.classId)}`}>
      <div className="training-card-title">
        <Typography.Text strong>{item.className}</Typography.Text>
      </div>
      <Space size={4} wrap className="training-card-tags">
        <TierTag tier={item.tier} />
        <FormatTag format={item.format} />
        <EnrolmentTag status={e.status} />
        {item.classStatus === 'cancelled' ? <Tag color="error">培训班已取消</Tag> : null}
        {e.status === 'enrolled' && e.completion.complete ? <Tag color="success">已结业</Tag> : null}
      </Space>
      <Descriptions size="small" column={1} className="training-card-desc">
        <Descriptions.Item label="主办">{item.orgUnitName}市场监督管理局</Descriptions.Item>
        <Descriptions.Item label="地点">{item.venue ?? item.onlineLink ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="学时">{item.hours}</Descriptions.Item>
        {e.status === 'enrolled' ? (
          <>
            <Descriptions.Item label="出勤率">{e.completion.attendancePercent}%</Descriptions.Item>
            <Descriptions.Item label="考核成绩">
              {e.score === null ? '—' : e.makeupScore !== null ? `${String(e.score)}（补考 ${String(e.makeupScore)}）` : String(e.score)}
            </Descriptions.Item>
          </>
        ) : null}
      </Descriptions>
      {e.status === 'enrolled' ? (
        <div className="training-sessions">
          {e.sessions.map((s) => (
            <div key={s.id} className="training-session-row">
              <span className="training-session-time">{timeRange(s.startsAt, s.endsAt)}</span>
              <span className="training-session-title">{s.title}</span>
              <AttendanceTag status={s.attendance ?? (new Date(s.endsAt).getTime() < Date.now() ? 'absent' : null)} />
            </div>
          ))}
        </div>
      ) : null}
      {e.certificate ? (
        <Alert
          className="training-cert"
          type={e.certificate.status === 'valid' ? 'success' : 'warning'}
          showIcon
          title={
            e.certificate.status === 'valid'
              ? `培训合格证 ${e.certificate.serial}`
              : `合格证 ${e.certificate.serial} 已撤销${e.certificate.statusReason ? `：${e.certificate.statusReason}` : ''}`
          }
          action={
            <Button size="small" icon={<DownloadOutlined />} onClick={() => download(certificatePdfHref(e.certificate?.id ?? 0))}>
              下载
            </Button>
          }
        />
      ) : e.status === 'enrolled' && e.completion.missing.length > 0 && started ? (
        <Typography.Paragraph type="secondary" className="training-missing">
          结业条件：{e.completion.missing.join('；')}
        </Typography.Paragraph>
      ) : null}
      <Space wrap className="training-card-actions">
        {canSurvey ? (
          <Link to={`/me/training/${String(item.classId)}/survey`}>
            <Button type="primary" icon={<FormOutlined />}>
              填写效果评估
            </Button>
          </Link>
        ) : null}
        {item.hasQuiz && e.status === 'enrolled' && e.preQuizScore === null && !started && item.classStatus === 'open' ? (
          <Link to={`/me/training/${String(item.classId)}/survey?pre=1`}>
            <Button>课前测验</Button>
          </Link>
        ) : null}
        {e.surveySubmittedAt ? <Tag color="green">已完成效果评估</Tag> : null}
        {e.status !== 'cancelled' && !attended && item.classStatus === 'open' ? <Button onClick={() => setCancelling(true)}>取消报名</Button> : null}
      </Space>
      <Modal
        title="取消报名"
        open={cancelling}
        onCancel={() => {
          cancel.clearError();
          setCancelling(false);
        }}
        onOk={() => void cancel.submit()}
        okText="确认取消"
        cancelText="返回"
        confirmLoading={cancel.isPending}
        destroyOnHidden
      >
        <FormError error={cancel.error} />
        <Form form={form} layout="vertical" onValuesChange={cancel.clearError}>
          <Form.Item name="reason" label="取消原因" rules={[{ required: true, whitespace: true, min: 2, message: '请填写取消原因（至少 2 个字）' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function OpenClassCard({ item }: { item: TrainingClassListItem }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const enrol = useMutation({
    mutationFn: () => api.post<EnrolResult>(`/api/training/classes/${String(item.id)}/enrolments`, {}),
    onSuccess: async (r) => {
      message.success(r.status === 'enrolled' ? '报名成功' : '名额已满，已进入候补');
      await queryClient.invalidateQueries({ queryKey: queryKeys.training.all });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const full = item.enrolled >= item.capacity;
  return (
    <Card size="small" className="training-card" data-testid={`open-class-${String(item.id)}`}>
      <div className="training-card-title">
        <Typography.Text strong>{item.name}</Typography.Text>
      </div>
      <Space size={4} wrap className="training-card-tags">
        <TierTag tier={item.tier} />
        <FormatTag format={item.format} />
        {item.waivePrerequisite ? <Tag>免前置条件</Tag> : null}
      </Space>
      <Descriptions size="small" column={1} className="training-card-desc">
        <Descriptions.Item label="时间">{classPeriod(item.firstStart, item.lastEnd)}</Descriptions.Item>
        <Descriptions.Item label="主办">{item.orgUnitName}市场监督管理局</Descriptions.Item>
        <Descriptions.Item label="地点">{item.venue ?? '线上'}</Descriptions.Item>
        <Descriptions.Item label="名额">
          {item.enrolled}/{item.capacity}
          {item.waitlisted > 0 ? `（候补 ${String(item.waitlisted)}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="学时">{item.hours}</Descriptions.Item>
        {item.enrolDeadline ? <Descriptions.Item label="报名截止">{item.enrolDeadline}</Descriptions.Item> : null}
      </Descriptions>
      {item.description ? <Typography.Paragraph type="secondary">{item.description}</Typography.Paragraph> : null}
      {item.canEnrol ? (
        <Button type="primary" block size="large" loading={enrol.isPending} onClick={() => enrol.mutate()}>
          {full ? '报名候补' : '报名'}
        </Button>
      ) : (
        <>
          {/* why not, before the tap: the server's enrolment rule for this officer */}
          <Alert className="training-refusal" type="warning" showIcon title={item.enrolRefusal ?? '不能报名该培训班'} />
          <Button block size="large" disabled>
            不可报名
          </Button>
        </>
      )}
    </Card>
  );
}

/** 我的培训 (officer, phone first): my classes with attendance, scores and certificates, and classes open for enrolment. */
export default function MyTrainingPage() {
  const mine = useQuery({ queryKey: MY_TRAINING_KEY, queryFn: () => api.get<MyTraining>('/api/training/me') });
  const open = useQuery({
    queryKey: queryKeys.training.open,
    queryFn: () => api.get<Page<TrainingClassListItem>>('/api/training/classes', { scope: 'upcoming', pageSize: 50 }),
  });
  const enrolledIds = new Set((mine.data?.items ?? []).filter((i) => i.enrolment.status !== 'cancelled').map((i) => i.classId));
  // classes still to start that the officer is not in; those the officer may join first, the others say why not
  const available = (open.data?.items ?? [])
    .filter((c) => c.status === 'open' && !enrolledIds.has(c.id) && (c.firstStart === null || new Date(c.firstStart).getTime() > Date.now()))
    .sort((a, b) => Number(b.canEnrol) - Number(a.canEnrol));
  const joinable = available.filter((c) => c.canEnrol).length;
  // which classes are open to join depends on both lists: it shows once both loaded, and either's failure
  const both: QueryLike<true> = {
    data: mine.data && open.data ? true : undefined,
    isPending: mine.isPending || open.isPending,
    isError: mine.isError || open.isError,
    isFetching: mine.isFetching || open.isFetching,
    error: mine.error ?? open.error,
    refetch: () => Promise.all([mine.refetch(), open.refetch()]),
  };
  return (
    <div className="page training-page">
      <PageHeader title="我的培训" description="报名培训班，查看考勤、成绩，下载培训合格证" />
      <Alert
        className="training-hint"
        type="info"
        showIcon
        icon={<QrcodeOutlined />}
        title="签到：登录后用手机扫描培训现场屏幕上的二维码（二维码每 30 秒更换）"
      />
      <Tabs
        items={[
          {
            key: 'mine',
            label: mine.data ? `我的培训班（${String(mine.data.items.length)}）` : '我的培训班',
            children: (
              <QueryState query={mine} what="我的培训班" empty="尚未报名培训班">
                {(d) => (
                  <div className="training-cards">
                    {d.items.map((i) => (
                      <MyClassCard key={i.enrolment.id} item={i} />
                    ))}
                  </div>
                )}
              </QueryState>
            ),
          },
          {
            key: 'open',
            label: open.data && mine.data ? `可报名（${String(joinable)}）` : '可报名',
            children: (
              <QueryState query={both} what="可报名的培训班" empty="暂无可报名的培训班" isEmpty={() => available.length === 0}>
                {() => (
                  <div className="training-cards">
                    {available.map((c) => (
                      <OpenClassCard key={c.id} item={c} />
                    ))}
                  </div>
                )}
              </QueryState>
            ),
          },
        ]}
      />
    </div>
  );
}
