import { Form, Input, InputNumber, Modal, Select, type FormInstance } from 'antd';
import { ATTENDANCE_STATUS_LABELS, ATTENDANCE_STATUSES, type AttendanceStatus } from '../../../domain/training';
import { api } from '../../api/client';
import type { RosterItem, TrainingClassDetail, TrainingSession } from '../../api/training-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { queryKeys } from '../../api/query-keys';

/** What the roster's dialog is open for. */
export type Dialog =
  | { kind: 'attendance'; item: RosterItem; session: TrainingSession }
  | { kind: 'score'; item: RosterItem }
  | { kind: 'revoke' | 'reissue'; item: RosterItem }
  | { kind: 'cancel-class' }
  | null;

export type RosterDialogValues = { status?: AttendanceStatus; reason?: string; score?: number | null; makeupScore?: number | null };

/** The roster's one dialog: 更正考勤, 录入成绩, 撤销 or 换发合格证 of one trainee. */
export function RosterDialog({
  c,
  dialog,
  form,
  onClose,
}: {
  c: TrainingClassDetail;
  dialog: Dialog;
  form: FormInstance<RosterDialogValues>;
  onClose: () => void;
}) {
  const act = useFormMutation({
    form,
    mutationFn: async (v: RosterDialogValues) => {
      if (!dialog) return;
      if (dialog.kind === 'attendance')
        await api.put(`/api/training/sessions/${String(dialog.session.id)}/attendance/${String(dialog.item.id)}`, { status: v.status, reason: v.reason ?? '' });
      if (dialog.kind === 'score') {
        const entry: Record<string, unknown> = { enrolmentId: dialog.item.id, score: v.score ?? null };
        if (v.score !== undefined && v.score !== null && v.score < c.passMark) entry.makeupScore = v.makeupScore ?? null;
        await api.put(`/api/training/classes/${String(c.id)}/scores`, { entries: [entry] });
      }
      if ((dialog.kind === 'revoke' || dialog.kind === 'reissue') && dialog.item.certificate)
        await api.post(`/api/training/certificates/${String(dialog.item.certificate.id)}/${dialog.kind}`, { reason: v.reason ?? '' });
    },
    success: '已保存',
    invalidate: [queryKeys.training.all],
    onDone: onClose,
  });
  const dialogTitle =
    dialog?.kind === 'attendance'
      ? `更正考勤：${dialog.item.name} · ${dialog.session.title}`
      : dialog?.kind === 'score'
        ? `录入成绩：${dialog.item.name}（合格线 ${String(c.passMark)} 分）`
        : dialog?.kind === 'revoke'
          ? `撤销合格证：${dialog.item.name}`
          : dialog?.kind === 'reissue'
            ? `换发合格证：${dialog.item.name}`
            : '';
  return (
    <Modal
      title={dialogTitle}
      open={dialog !== null && dialog.kind !== 'cancel-class'}
      onCancel={() => {
        act.clearError();
        onClose();
      }}
      onOk={() => void act.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={act.isPending}
      destroyOnHidden
    >
      <FormError error={act.error} />
      <Form form={form} layout="vertical" onValuesChange={act.clearError}>
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
          <Form.Item
            name="reason"
            label={dialog.kind === 'attendance' ? '更正理由' : dialog.kind === 'revoke' ? '撤销理由' : '换发理由'}
            rules={[{ required: true, min: 2, message: '请填写理由（至少 2 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
