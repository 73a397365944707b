import { Alert, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { BulkReviewResult as BulkResult, Filing } from '../../api/filing-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';

/**
 * 批量予以备案 / 批量退回补正 for the selected filings: each is decided as a single review on the server and answers
 * for itself; the refused ones are listed with the reason (e.g. a binding-rule failure needs its own page's 破格理由).
 */
export function BulkReviewBar({ selected, onDone }: { selected: Filing[]; onDone: () => void }) {
  const [action, setAction] = useState<'approve' | 'return' | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [form] = Form.useForm<{ remarks?: string }>();
  // the outcome, filing by filing, is the result dialog below: no message
  const run = useFormMutation({
    form,
    mutationFn: ({ remarks = '' }: { remarks?: string }) =>
      api.post<BulkResult>('/api/filings/bulk-review', { action, ids: selected.map((f) => f.id), ...(remarks.trim() ? { remarks: remarks.trim() } : {}) }),
    success: null,
    onDone: (r) => {
      setAction(null);
      setResult(r);
      onDone();
    },
  });
  const open = (a: 'approve' | 'return') => {
    form.resetFields();
    run.clearError();
    setAction(a);
  };
  const names = new Map(selected.map((f) => [f.id, f.enterpriseName]));
  if (!selected.length && !result) return null;
  return (
    <>
      {selected.length ? (
        <div className="register-bulk">
          <Typography.Text>已选 {selected.length} 份</Typography.Text>
          <Button type="primary" onClick={() => open('approve')}>
            批量予以备案
          </Button>
          <Button onClick={() => open('return')}>批量退回补正</Button>
        </div>
      ) : null}
      <Modal
        open={action !== null}
        title={action === 'approve' ? `批量予以备案（${selected.length} 份）` : `批量退回补正（${selected.length} 份）`}
        okText={action === 'approve' ? '予以备案' : '退回补正'}
        confirmLoading={run.isPending}
        onOk={() => void run.submit()}
        onCancel={() => setAction(null)}
      >
        <Typography.Paragraph type="secondary">
          {action === 'approve'
            ? '逐份按单份审核的规则办理；不符合具有约束力的任职条件的备案不会在批量中予以备案，请在其详情页填写破格理由。'
            : '退回意见将发送给各企业。'}
        </Typography.Paragraph>
        <FormError error={run.error} />
        <Form form={form} layout="vertical" onValuesChange={run.clearError}>
          <Form.Item
            name="remarks"
            label="意见"
            rules={
              action === 'return'
                ? [
                    { required: true, whitespace: true, message: '请填写退回意见' },
                    { min: 2, message: '退回意见至少 2 个字' },
                  ]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder={action === 'approve' ? '审核意见（选填）' : '退回意见（必填，至少 2 个字）'} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={result !== null} title="批量办理结果" footer={<Button onClick={() => setResult(null)}>关闭</Button>} onCancel={() => setResult(null)}>
        {result ? (
          <>
            <Alert
              type={result.failed ? 'warning' : 'success'}
              showIcon
              title={`成功 ${result.succeeded} 份，未办理 ${result.failed} 份`}
              className="form-alert"
            />
            {result.failed ? (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={result.results.filter((r) => !r.ok)}
                columns={[
                  { title: '企业', key: 'name', render: (_v, r) => names.get(r.id) ?? `备案 ${r.id}` },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Modal>
    </>
  );
}
