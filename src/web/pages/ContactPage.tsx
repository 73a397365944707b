import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { accountContactInput, enterpriseContactInput, PHONE_USE_NOTE } from '../../domain/contact';
import { schemaTitle } from '../../domain/field-labels';
import { api, ApiError, errorMessage } from '../api/client';
import { useSession } from '../auth/session';
import { applyServerErrors } from '../components/form-errors';
import { PageHeader } from '../components/PageHeader';
import type { AccountContact, EnterpriseContact } from '../api/types';
import { queryKeys } from '../api/query-keys';

interface Field {
  name: string;
  /** The field's request schema: its label is the one the server names the field by in its errors. */
  schema: z.ZodType;
  placeholder: string;
  maxLength: number;
}

interface ContactCardProps {
  title: string;
  url: string;
  fields: Field[];
  hint: string;
}

type Loaded = AccountContact | EnterpriseContact;
/** The loaded value of one of the card's text fields (the fields are named like the answer's keys). */
const valueOf = (data: Loaded, name: string): string | null => {
  const value = (data as Partial<Record<string, unknown>>)[name];
  return typeof value === 'string' ? value : null;
};

/**
 * One contact form under the version it loaded: only what changed is sent (an empty box clears it), and a change
 * made meanwhile elsewhere answers 409, which the card shows with the current values to reload.
 */
function ContactCard({ title, url, fields, hint }: ContactCardProps) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, string>>();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const loaded = useQuery({ queryKey: queryKeys.contact(url), queryFn: () => api.get<Loaded>(url) });
  const names = fields.map((f) => f.name);
  useEffect(() => {
    if (loaded.data) form.setFieldsValue(Object.fromEntries(fields.map((f) => [f.name, valueOf(loaded.data, f.name) ?? ''])));
  }, [loaded.data, form, fields]);
  const save = useMutation({
    mutationFn: (values: Record<string, string>) => {
      const data = loaded.data;
      if (!data) throw new Error('加载中');
      const changed = Object.fromEntries(
        fields.filter((f) => (values[f.name] ?? '').trim() !== (valueOf(data, f.name) ?? '')).map((f) => [f.name, (values[f.name] ?? '').trim() || null]),
      );
      return api.put<Loaded>(url, { ...changed, version: data.version });
    },
    onSuccess: (data) => {
      qc.setQueryData(queryKeys.contact(url), data);
      setError(null);
      void message.success('联系方式已保存');
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') setStale(true);
      setError(applyServerErrors(form, e, names));
    },
  });
  const sms = loaded.data?.smsReachable;
  const fallback = loaded.data && 'fallbackPhone' in loaded.data ? loaded.data.fallbackPhone : undefined;
  if (loaded.isError) {
    return (
      <Card title={title} className="block-card">
        <Alert type="warning" showIcon title={errorMessage(loaded.error)} />
      </Card>
    );
  }
  return (
    <Card title={title} className="block-card" loading={loaded.isPending}>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      {typeof fallback === 'string' ? (
        <Alert className="form-alert" type="info" showIcon title={`未填写手机号码时，短信通知发送到您在备案中登记的手机 ${fallback}`} />
      ) : null}
      {error ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title={error}
          action={
            stale ? (
              <Button
                size="small"
                onClick={() => {
                  setStale(false);
                  setError(null);
                  void loaded.refetch();
                }}
              >
                重新加载
              </Button>
            ) : null
          }
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} onValuesChange={() => setError(null)}>
        {fields.map((f) => (
          <Form.Item key={f.name} label={schemaTitle(f.schema)} name={f.name}>
            <Input placeholder={f.placeholder} maxLength={f.maxLength} />
          </Form.Item>
        ))}
        {sms === false && loaded.data && fields.some((f) => /phone/i.test(f.name) && valueOf(loaded.data, f.name)) ? (
          <Alert className="form-alert" type="warning" showIcon title="当前号码不是手机号码，无法接收短信通知" />
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

const account = accountContactInput.shape;
const enterprise = enterpriseContactInput.shape;
const ACCOUNT_FIELDS: Field[] = [
  { name: 'phone', schema: account.phone, placeholder: '11 位手机号码', maxLength: 20 },
  { name: 'email', schema: account.email, placeholder: 'name@example.com', maxLength: 254 },
];
const ENTERPRISE_FIELDS: Field[] = [
  { name: 'contactPerson', schema: enterprise.contactPerson, placeholder: '负责接收通知的人员', maxLength: 40 },
  { name: 'contactPhone', schema: enterprise.contactPhone, placeholder: '手机号码或带区号的固定电话', maxLength: 20 },
  { name: 'contactEmail', schema: enterprise.contactEmail, placeholder: 'name@example.com', maxLength: 254 },
];

/** 联系方式: where official notices reach the account holder, and (for an enterprise) the enterprise's contact. */
export default function ContactPage() {
  const { hasPermission } = useSession();
  return (
    <div className="page">
      <PageHeader title="联系方式" description="审核结果、催办提醒等公务通知除站内消息外，还会通过短信和电子邮件发送到这里填写的联系方式。" />
      <Alert className="block-card" type="info" showIcon title={PHONE_USE_NOTE} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ContactCard
            title="本人联系方式"
            url="/api/account/contact"
            fields={ACCOUNT_FIELDS}
            hint="发给本人的公务通知将发送到此手机号码（短信）和电子邮箱。"
          />
        </Col>
        {hasPermission('enterprise_profile:manage') ? (
          <Col xs={24} lg={12}>
            <ContactCard
              title="企业联系方式"
              url="/api/enterprises/mine/contact"
              fields={ENTERPRISE_FIELDS}
              hint="市场监管部门联系本企业、发送催办通知时使用；固定电话无法接收短信。"
            />
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
