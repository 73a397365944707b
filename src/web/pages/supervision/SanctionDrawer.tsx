import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Radio, Space, Tag, Timeline, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { SanctionDetail } from '../../api/supervision-types';
import { formatDateTimeShort } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';
import { appealStatusLabel, SANCTION_STATUS_COLORS, sanctionKindLabel, sanctionStatusLabel } from './dict';

const KEY = queryKeys.sanctions.all;

interface DecisionValues {
  text?: string;
  upheld?: boolean;
}

/**
 * One warning or blacklist entry: its record, evidence and appeals, and the actions the reader may take (the province
 * decides, removes and answers appeals; the proposer adds evidence; the officer appeals).
 */
export function SanctionDrawer({
  id,
  onClose,
  isProvince,
  canAddEvidence,
}: {
  id: number | null;
  onClose: () => void;
  isProvince: boolean;
  canAddEvidence: boolean;
}) {
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<null | 'approve' | 'reject' | 'remove' | 'appeal' | { appealId: number }>(null);
  const [dialogForm] = Form.useForm<DecisionValues>();
  const [uploading, setUploading] = useState(false);
  const detail = useQuery({
    queryKey: queryKeys.sanctions.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<SanctionDetail>(`/api/sanctions/${id ?? 0}`, undefined, signal),
    enabled: id !== null,
  });
  const s = detail.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const act = useFormMutation({
    form: dialogForm,
    mutationFn: async ({ text = '', upheld = false }: DecisionValues) => {
      const id = s?.id ?? 0;
      const t = text.trim();
      if (dialog === 'approve') await api.post(`/api/sanctions/${id}/approve`, t ? { remarks: t } : {});
      else if (dialog === 'reject') await api.post(`/api/sanctions/${id}/reject`, { reason: t });
      else if (dialog === 'remove') await api.post(`/api/sanctions/${id}/remove`, { reason: t });
      else if (dialog === 'appeal') await api.post(`/api/sanctions/${id}/appeals`, { reason: t });
      else if (dialog !== null) await api.post(`/api/sanction-appeals/${dialog.appealId}/decide`, { upheld, response: t });
    },
    success: '已提交',
    invalidate: [KEY],
    fieldMap: { remarks: 'text', reason: 'text', response: 'text' },
    onDone: () => setDialog(null),
  });
  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!s) return;
    const data = new FormData();
    data.append('file', file as Blob);
    setUploading(true);
    api
      .upload<SanctionDetail>(`/api/sanctions/${s.id}/evidence`, data)
      .then(async (saved) => {
        onSuccess?.(saved);
        message.success('证据材料已上传');
        await refresh();
      })
      .catch((err: unknown) => {
        onError?.(err as Error);
        message.error(errorMessage(err));
      })
      .finally(() => setUploading(false));
  };
  const pendingAppeal = s?.appeals.find((a) => a.status === 'pending');
  const dialogTitle =
    dialog === 'approve'
      ? s?.kind === 'blacklist'
        ? '决定列入黑名单'
        : '决定予以警示'
      : dialog === 'reject'
        ? '不予采纳'
        : dialog === 'remove'
          ? '移除'
          : dialog === 'appeal'
            ? '提出申诉'
            : '处理申诉';
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={s ? `${sanctionKindLabel(s.kind)}：${s.personName}` : '详情'}
      size={isMobile ? 'default' : 620}
      placement={isMobile ? 'bottom' : 'right'}
      className="supervision-detail"
    >
      <QueryState query={detail} what="详情" rows={8}>
        {(s) => (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="状态">
                <Tag color={SANCTION_STATUS_COLORS[s.status]}>{sanctionStatusLabel(s.status)}</Tag>
                {s.noticeNo ? <span className="supervision-muted">{s.noticeNo}</span> : null}
              </Descriptions.Item>
              <Descriptions.Item label="当事人">
                {s.personName}（{s.idNumberMasked}）
              </Descriptions.Item>
              <Descriptions.Item label="企业">{s.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label="质量安全事故">
                {s.incidentTitle}（{s.incidentDate}）
              </Descriptions.Item>
              <Descriptions.Item label="事故经过">{s.incidentDescription}</Descriptions.Item>
              <Descriptions.Item label="处理理由">{s.reason}</Descriptions.Item>
              {s.banStart ? (
                <Descriptions.Item label="禁入期">
                  {s.banStart} 至 {s.banEnd}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="提出">
                {s.proposedByUnit} {s.proposedByName}，{formatDateTimeShort(s.proposedAt)}
              </Descriptions.Item>
              {s.decidedAt ? (
                <Descriptions.Item label="省局决定">{`${formatDateTimeShort(s.decidedAt)}${s.decisionReason ? `：${s.decisionReason}` : ''}`}</Descriptions.Item>
              ) : null}
              {s.removedAt ? <Descriptions.Item label="移除">{`${formatDateTimeShort(s.removedAt)}：${s.removalReason ?? ''}`}</Descriptions.Item> : null}
              <Descriptions.Item label="证据材料">
                {s.attachments.length === 0 ? (
                  '无'
                ) : (
                  <Space direction="vertical" size={2}>
                    {s.attachments.map((a) => (
                      <a key={a.id} href={`/api/sanctions/${s.id}/evidence/${a.id}`} target="_blank" rel="noreferrer">
                        <PaperClipOutlined /> {a.name}
                      </a>
                    ))}
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
            {s.appeals.length ? (
              <>
                <Typography.Title level={5} className="section-title">
                  申诉
                </Typography.Title>
                <Timeline
                  items={s.appeals.map((a) => ({
                    color: a.status === 'pending' ? 'blue' : a.status === 'upheld' ? 'green' : 'gray',
                    content: (
                      <div>
                        <div>
                          {formatDateTimeShort(a.createdAt)} · {appealStatusLabel(a.status)}
                        </div>
                        <div>{a.reason}</div>
                        {a.response ? <div className="supervision-muted">省局意见：{a.response}</div> : null}
                      </div>
                    ),
                  }))}
                />
              </>
            ) : null}
            <div className="supervision-actions">
              {canAddEvidence && s.status === 'proposed' ? (
                <Upload customRequest={upload} showUploadList={false} accept=".pdf,.jpg,.jpeg,.png" disabled={uploading}>
                  <Button icon={<UploadOutlined />} loading={uploading}>
                    上传证据材料
                  </Button>
                </Upload>
              ) : null}
              {isProvince && s.status === 'proposed' ? (
                <>
                  <Button type="primary" danger={s.kind === 'blacklist'} onClick={() => setDialog('approve')}>
                    {s.kind === 'blacklist' ? '决定列入黑名单' : '决定予以警示'}
                  </Button>
                  <Button onClick={() => setDialog('reject')}>不予采纳</Button>
                </>
              ) : null}
              {isProvince && s.status === 'in_force' ? <Button onClick={() => setDialog('remove')}>移除</Button> : null}
              {isProvince && pendingAppeal ? (
                <Button type="primary" onClick={() => setDialog({ appealId: pendingAppeal.id })}>
                  处理申诉
                </Button>
              ) : null}
              {s.canAppeal ? (
                <Button type="primary" onClick={() => setDialog('appeal')}>
                  提出申诉
                </Button>
              ) : null}
            </div>
          </>
        )}
      </QueryState>
      <Modal
        open={dialog !== null}
        title={dialogTitle}
        onCancel={() => setDialog(null)}
        onOk={() => void act.submit()}
        confirmLoading={act.isPending}
        okText="确定"
        destroyOnHidden
        width={isMobile ? 'calc(100vw - 16px)' : 480}
      >
        <FormError error={act.error} />
        {dialog === 'approve' && s?.kind === 'blacklist' ? (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            title="决定后立即生效"
            description="当事人在任的聘任备案随即结束、备案证明失效，并发布黑名单公告；禁入期内任何企业不得为其办理备案。"
          />
        ) : null}
        <Form<DecisionValues> form={dialogForm} layout="vertical" onFinish={(v) => act.mutate(v)} initialValues={{ upheld: false }} preserve={false}>
          {typeof dialog === 'object' && dialog !== null ? (
            <Form.Item name="upheld" label="申诉处理结果">
              <Radio.Group
                options={[
                  { value: false, label: '维持原决定' },
                  { value: true, label: '申诉成立，予以移除' },
                ]}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="text"
            label={dialog === 'approve' ? '决定意见' : '理由'}
            rules={
              dialog === 'approve'
                ? []
                : [
                    { required: true, whitespace: true, message: '请填写理由或意见' },
                    { min: 2, message: '至少 2 个字' },
                  ]
            }
          >
            <Input.TextArea rows={4} maxLength={1000} placeholder={dialog === 'approve' ? '决定意见（可不填）' : '请填写理由或意见（至少 2 个字）'} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
