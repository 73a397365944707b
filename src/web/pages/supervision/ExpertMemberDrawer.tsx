import { Alert, Button, DatePicker, Descriptions, Drawer, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { ExpertMemberDetail } from '../../api/supervision-types';
import { formatDate } from '../../components/format';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';
import { EXPERT_STATUS_COLORS, EXPERT_TASK_OPTIONS, expertStatusLabel, taskKindLabel } from './dict';

const KEY = queryKeys.expertPool.all;

interface DrawValues {
  taskKind: 'diagnosis' | 'review';
  taskTitle: string;
  taskDate: Dayjs;
  note?: string;
}

/** One expert (bureaus): the facts, the draws, and for those who manage the pool 抽取 and 移出专家库. */
export function ExpertMemberDrawer({ id, onClose, canManage }: { id: number | null; onClose: () => void; canManage: boolean }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<DrawValues>();
  const [withdrawForm] = Form.useForm<{ reason: string }>();
  const [drawing, setDrawing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const detail = useQuery({
    queryKey: queryKeys.expertPool.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<ExpertMemberDetail>(`/api/expert-pool/${id ?? 0}`, undefined, signal),
    enabled: id !== null,
  });
  const m = detail.data;
  const draw = useFormMutation({
    form,
    mutationFn: (v: DrawValues) =>
      api.post(`/api/expert-pool/${m?.id ?? 0}/draws`, {
        taskKind: v.taskKind,
        taskTitle: v.taskTitle.trim(),
        taskDate: v.taskDate.format('YYYY-MM-DD'),
        note: v.note?.trim() ?? null,
      }),
    success: '已记录抽取',
    invalidate: [KEY],
    onDone: () => {
      setDrawing(false);
      form.resetFields();
    },
  });
  const withdraw = useFormMutation({
    form: withdrawForm,
    mutationFn: (v: { reason: string }) => api.post(`/api/expert-pool/${m?.id ?? 0}/withdraw`, { reason: v.reason.trim() }),
    success: '已移出专家库',
    invalidate: [KEY],
    onDone: () => setWithdrawing(false),
  });
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={m?.personName ?? '专家'}
      size={isMobile ? 'default' : 560}
      placement={isMobile ? 'bottom' : 'right'}
      className="supervision-detail"
    >
      {detail.isError ? <Alert type="error" showIcon title={errorMessage(detail.error)} /> : null}
      {m ? (
        <>
          <MemberFacts m={m} />
          {canManage ? (
            <div className="supervision-actions">
              {m.status === 'active' ? (
                <Button type="primary" onClick={() => setDrawing(true)}>
                  抽取参加诊断/评审
                </Button>
              ) : null}
              {m.status === 'active' || m.status === 'nominated' ? <Button onClick={() => setWithdrawing(true)}>移出专家库</Button> : null}
            </div>
          ) : null}
        </>
      ) : null}
      <Modal
        open={drawing}
        title="抽取专家"
        okText="记录抽取"
        confirmLoading={draw.isPending}
        onOk={() => void draw.submit()}
        onCancel={() => setDrawing(false)}
        destroyOnHidden
        width={isMobile ? 'calc(100vw - 16px)' : 480}
      >
        <FormError error={draw.error} />
        <Form<DrawValues>
          form={form}
          layout="vertical"
          onFinish={(v) => draw.mutate(v)}
          initialValues={{ taskKind: 'diagnosis', taskDate: dayjs().add(7, 'day') }}
        >
          <Form.Item label="任务类型" name="taskKind" rules={[{ required: true }]}>
            <Select options={EXPERT_TASK_OPTIONS} />
          </Form.Item>
          <Form.Item
            label="任务名称"
            name="taskTitle"
            rules={[
              { required: true, whitespace: true, message: '请填写任务名称' },
              { min: 2, message: '至少 2 个字' },
            ]}
          >
            <Input maxLength={100} placeholder="如：小微企业质量提升诊断" />
          </Form.Item>
          <Form.Item label="任务日期" name="taskDate" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker className="full-width" inputReadOnly={isMobile} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={withdrawing}
        title="移出专家库"
        okText="移出"
        okButtonProps={{ danger: true }}
        confirmLoading={withdraw.isPending}
        onOk={() => void withdraw.submit()}
        onCancel={() => setWithdrawing(false)}
        destroyOnHidden
      >
        <FormError error={withdraw.error} />
        <Form form={withdrawForm} layout="vertical" onFinish={(v) => withdraw.mutate(v)} preserve={false}>
          <Form.Item
            label="原因"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写原因' },
              { min: 2, message: '至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** An expert's record and the draws so far (the bureau's drawer, the officer's own nominations). */
export function MemberFacts({ m }: { m: ExpertMemberDetail }) {
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="状态">
          <Tag color={EXPERT_STATUS_COLORS[m.status]}>{expertStatusLabel(m.status)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="任职">{[m.positionTitle, m.enterpriseName].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="专业领域">
          {m.fields.map((f) => (
            <Tag key={f}>{f}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="行业门类">{m.industrySection ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="所在地">{m.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="推荐日期">{formatDate(m.createdAt)}</Descriptions.Item>
        {m.note ? <Descriptions.Item label="备注">{m.note}</Descriptions.Item> : null}
      </Descriptions>
      <Typography.Title level={5} className="section-title">
        抽取记录
      </Typography.Title>
      {m.draws.length === 0 ? (
        <Typography.Text type="secondary">尚未被抽取</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={m.draws}
          renderItem={(d) => (
            <List.Item>
              <div>
                <div>
                  <Tag color="blue">{taskKindLabel(d.taskKind)}</Tag>
                  {d.taskTitle}
                </div>
                <div className="supervision-muted">
                  {d.taskDate} · {d.orgUnitName}
                  {d.note ? ` · ${d.note}` : ''}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
