import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { MIN_PUBLICITY_DAYS } from '../../../domain/selection';
import { api } from '../../api/client';
import type { SelectionCandidate, SelectionDetail } from '../../api/selection-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';

/** 评分: one score (0–100) per criterion; the server computes the weighted total. */
export function ScoreModal({
  selection,
  candidate,
  onClose,
  onDone,
}: {
  selection: SelectionDetail;
  candidate: SelectionCandidate | null;
  onClose: () => void;
  onDone: (s: SelectionDetail) => void;
}) {
  const [form] = Form.useForm<{ scores: number[] }>();
  const save = useFormMutation({
    form,
    mutationFn: (v: { scores: number[] }) =>
      api.put<SelectionDetail>(`/api/selections/${String(selection.id)}/candidates/${String(candidate?.candidateId ?? 0)}/scores`, { scores: v.scores }),
    success: null,
    onDone,
  });
  const { clearError } = save;
  useEffect(() => {
    if (candidate) clearError();
  }, [candidate, clearError]);
  return (
    <Modal
      open={candidate !== null}
      title={`评分：${candidate?.name ?? ''}`}
      okText="保存评分"
      confirmLoading={save.isPending}
      onOk={() => void save.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError error={save.error} />
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 14 }}
        initialValues={{ scores: candidate?.scores ?? selection.criteria.map(() => undefined) }}
        onFinish={(v) => save.mutate(v)}
      >
        {selection.criteria.map((c, i) => (
          <Form.Item key={c.name} label={`${c.name}（权重 ${String(c.weight)}%）`} name={['scores', i]} rules={[{ required: true, message: '请填写分数' }]}>
            <InputNumber min={0} max={100} precision={1} aria-label={c.name} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

interface PublishValues {
  selectedCandidateId: number;
  period: [Dayjs, Dayjs];
  resultNote?: string;
}

/** 确定拟聘人选并公示: the chosen candidate, the 公示 period (≥ MIN_PUBLICITY_DAYS days from today) and a note. */
export function PublishModal({
  selection,
  open,
  onClose,
  onDone,
}: {
  selection: SelectionDetail;
  open: boolean;
  onClose: () => void;
  onDone: (s: SelectionDetail) => void;
}) {
  const [form] = Form.useForm<PublishValues>();
  const save = useFormMutation({
    form,
    mutationFn: (v: PublishValues) =>
      api.post<SelectionDetail>(`/api/selections/${String(selection.id)}/publish`, {
        version: selection.version,
        selectedCandidateId: v.selectedCandidateId,
        publicityStart: v.period[0].format('YYYY-MM-DD'),
        publicityEnd: v.period[1].format('YYYY-MM-DD'),
        resultNote: v.resultNote?.trim() || null,
      }),
    success: null,
    onDone,
    fieldMap: { publicityStart: 'period', publicityEnd: 'period' },
  });
  const { clearError } = save;
  const top = [...selection.candidates].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))[0];
  useEffect(() => {
    if (open) clearError();
  }, [open, clearError]);
  const chosen = Form.useWatch('selectedCandidateId', form);
  const notFirst = chosen !== undefined && top !== undefined && chosen !== top.candidateId;
  return (
    <Modal
      open={open}
      title="确定拟聘人选并发布公示"
      okText="发布公示"
      confirmLoading={save.isPending}
      onOk={() => void save.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title={`公示不少于 ${String(MIN_PUBLICITY_DAYS)} 天；公示页面公开（姓名脱敏），公示期内任何人可提出异议。`}
      />
      <FormError error={save.error} />
      <Form<PublishValues>
        form={form}
        layout="vertical"
        initialValues={{ selectedCandidateId: top?.candidateId ?? undefined, period: [dayjs(), dayjs().add(MIN_PUBLICITY_DAYS + 1, 'day')] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="拟聘人选" name="selectedCandidateId" rules={[{ required: true, message: '请选择拟聘人选' }]}>
          <Select
            options={selection.candidates.map((c) => ({
              value: c.candidateId ?? 0,
              label: `${c.name}（综合得分 ${c.total === null ? '未评分' : String(c.total)}${c.rank ? `，第 ${String(c.rank)} 名` : ''}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label="公示期" name="period" rules={[{ required: true, message: '请选择公示期' }]}>
          <DatePicker.RangePicker className="full-width" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label={notFirst ? '说明（未选择综合得分第一名，须说明理由）' : '说明'}
          name="resultNote"
          rules={notFirst ? [{ required: true, whitespace: true, message: '请说明未选择第一名的理由' }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A short text for an action (答复异议, 取消): the text goes to `send`. */
export function TextModal({
  open,
  title,
  label,
  min,
  onClose,
  send,
  onDone,
}: {
  open: boolean;
  title: string;
  label: string;
  min: number;
  onClose: () => void;
  send: (text: string) => Promise<SelectionDetail>;
  onDone: (s: SelectionDetail) => void;
}) {
  const [form] = Form.useForm<{ text: string }>();
  const save = useFormMutation({ form, mutationFn: (v: { text: string }) => send(v.text.trim()), success: null, onDone });
  const { clearError } = save;
  useEffect(() => {
    if (open) clearError();
  }, [open, clearError]);
  return (
    <Modal open={open} title={title} okText="确定" confirmLoading={save.isPending} onOk={() => void save.submit()} onCancel={onClose} destroyOnHidden>
      <FormError error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label={label} name="text" rules={[{ required: true, whitespace: true, min, message: `请填写${label}（至少 ${String(min)} 个字）` }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
