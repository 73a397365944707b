import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, List, Modal, Select, Tag, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { request } from '../../api/client';
import type { StudyClaim } from '../../api/study-types';
import { QueryError } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import type { Created } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

export const CLAIM_SOURCE_LABELS = { offline: '线下学习', government_work: '政府质量工作' } as const;
export const CLAIM_STATUS = { pending: ['processing', '待审核'], approved: ['success', '已通过'], rejected: ['error', '未通过'] } as const;

interface Values {
  source: 'offline' | 'government_work';
  title: string;
  occurredOn: Dayjs;
  minutes: number;
}

/** 学时申报: an officer claims offline learning or government quality work, with evidence, for the bureau to approve. */
export function ClaimCard() {
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm<Values>();
  const claims = useQuery({ queryKey: queryKeys.study.myClaims, queryFn: () => request<StudyClaim[]>('GET', '/api/study/my/claims') });
  const submit = useFormMutation({
    form,
    mutationFn: (v: Values) => {
      const body = new FormData();
      // the fields first, then the file: the server reads them in that order
      body.append('source', v.source);
      body.append('title', v.title);
      body.append('occurredOn', v.occurredOn.format('YYYY-MM-DD'));
      body.append('minutes', String(v.minutes));
      const file = files[0]?.originFileObj;
      if (file) body.append('file', file);
      return request<Created>('POST', '/api/study/my/claims', { body });
    },
    success: '已提交，待主管局审核',
    invalidate: [queryKeys.study.myClaims],
    onDone: () => {
      setOpen(false);
      setFiles([]);
      form.resetFields();
    },
  });
  return (
    <>
      <List
        size="small"
        header={
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Text strong>学时申报</Typography.Text>
            <Button size="small" onClick={() => setOpen(true)}>
              申报线下学习
            </Button>
          </div>
        }
        dataSource={claims.data ?? []}
        loading={claims.isPending}
        locale={{ emptyText: claims.isError ? <QueryError query={claims} what="学时申报" /> : '线下学习、参与政府质量工作可凭证明材料申报学时' }}
        renderItem={(c) => (
          <List.Item extra={<Tag color={CLAIM_STATUS[c.status][0]}>{CLAIM_STATUS[c.status][1]}</Tag>}>
            <div>
              {CLAIM_SOURCE_LABELS[c.source]}：{c.title}（{c.minutes} 分钟，{c.occurredOn}）
              {c.decisionReason ? <Typography.Text type="secondary"> {c.decisionReason}</Typography.Text> : null}
            </div>
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title="申报学时"
        onCancel={() => {
          submit.clearError();
          setOpen(false);
        }}
        onOk={() => void submit.submit()}
        okText="提交"
        confirmLoading={submit.isPending}
      >
        <FormError error={submit.error} />
        <Form form={form} layout="vertical" initialValues={{ source: 'offline' }} onValuesChange={submit.clearError}>
          <Form.Item name="source" label="类别">
            <Select options={Object.entries(CLAIM_SOURCE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="title" label="学习内容" rules={[{ required: true, message: '请填写学习内容' }]}>
            <Input placeholder="如：质量管理体系内审员培训" />
          </Form.Item>
          <Form.Item name="occurredOn" label="学习日期" rules={[{ required: true, message: '请选择学习日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="minutes" label="时长（分钟）" rules={[{ required: true, message: '请填写时长' }]}>
            <InputNumber min={1} max={6000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="证明材料（PDF、JPG 或 PNG，不超过 10 MB）" required>
            <Upload accept=".pdf,.jpg,.jpeg,.png" maxCount={1} fileList={files} beforeUpload={() => false} onChange={(i) => setFiles(i.fileList)}>
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
