import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Spin, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CASE_TOOLS } from '../../../domain/community-cases';
import { api, errorMessage } from '../../api/client';
import type { CaseDetail, CaseInput, CaseSaved } from '../../api/community-case-types';
import { divisionOptions, SECTION_OPTIONS } from '../../components/enterprise-dict';
import { applyServerErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { htmlToLines, linesToHtml } from './parts';
import type { Created } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

interface Values {
  title: string;
  summary?: string;
  industrySection?: string;
  industryDivision?: string | null;
  tools?: CaseInput['tools'];
  problem?: string;
  method?: string;
  results?: string;
}
const FIELDS = ['title', 'summary', 'industrySection', 'industryDivision', 'tools', 'problem', 'method', 'results'] as const;

/** New case or edit of a draft/returned one: plain paragraphs per field (stored as sanitised rich text), attachments once saved. */
export default function CaseEditPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const existing = useQuery({
    queryKey: queryKeys.communityCase(id ?? 0),
    queryFn: () => api.get<CaseDetail>(`/api/community/cases/${String(id)}`),
    enabled: id !== null,
  });
  if (id !== null && existing.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (existing.isError) {
    return (
      <div className="page">
        <Alert type="error" showIcon title="案例加载失败" description={errorMessage(existing.error)} />
      </div>
    );
  }
  return <CaseForm key={id ?? 'new'} id={id} existing={existing.data ?? null} />;
}

function CaseForm({ id, existing }: { id: number | null; existing: CaseDetail | null }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [saving, setSaving] = useState<null | 'save' | 'submit'>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // the version this editor last loaded or saved; the server refuses a save over someone else's (409)
  const [version, setVersion] = useState(existing?.version ?? 0);
  const section = Form.useWatch('industrySection', form);

  useEffect(() => {
    if (existing) {
      form.setFieldsValue({
        title: existing.title,
        summary: existing.summary,
        industrySection: existing.industrySection,
        industryDivision: existing.industryDivision,
        tools: existing.tools.filter((t): t is (typeof CASE_TOOLS)[number] => (CASE_TOOLS as readonly string[]).includes(t)),
        problem: htmlToLines(existing.problem),
        method: htmlToLines(existing.method),
        results: htmlToLines(existing.results),
      });
    }
  }, [existing, form]);

  const save = async (then: 'save' | 'submit') => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(then);
    setFormError(null);
    const body: CaseInput = {
      title: values.title,
      summary: values.summary ?? '',
      industrySection: values.industrySection ?? '',
      industryDivision: values.industryDivision ?? null,
      tools: values.tools ?? [],
      problem: linesToHtml(values.problem ?? ''),
      method: linesToHtml(values.method ?? ''),
      results: linesToHtml(values.results ?? ''),
    };
    try {
      let caseId = id;
      if (caseId === null) caseId = (await api.post<Created>('/api/community/cases', body)).id;
      else setVersion((await api.put<CaseSaved>(`/api/community/cases/${caseId}`, { ...body, version })).version);
      if (then === 'submit') {
        await api.post(`/api/community/cases/${caseId}/submit`);
        message.success('已提交审核');
        await navigate(`/community/cases/${caseId}`);
      } else {
        message.success('已保存');
        if (id === null) await navigate(`/community/my-cases/${caseId}/edit`, { replace: true });
      }
      await qc.invalidateQueries({ queryKey: queryKeys.communityCases.mine });
      await qc.invalidateQueries({ queryKey: queryKeys.communityCase(caseId) });
    } catch (e) {
      setFormError(applyServerErrors(form, e, FIELDS));
    } finally {
      setSaving(null);
    }
  };

  return (
    <div className="page">
      <PageHeader title={id === null ? '新建案例' : '修改案例'} description="每段一行；请勿填写身份证号、手机号等个人信息和企业商业秘密。" />
      {existing?.reviewRemarks && existing.status === 'returned' ? (
        <Alert className="block-card" type="warning" showIcon title="审核意见" description={existing.reviewRemarks} />
      ) : null}
      <Card size="small" className="block-card">
        <Form form={form} layout="vertical" initialValues={{ tools: [] }} requiredMark="optional">
          <Form.Item
            name="title"
            label="标题"
            rules={[
              { required: true, message: '请填写标题' },
              { min: 4, message: '标题至少 4 个字' },
            ]}
          >
            <Input maxLength={80} showCount />
          </Form.Item>
          <Form.Item name="summary" label="摘要">
            <Input.TextArea rows={2} maxLength={300} showCount />
          </Form.Item>
          <Form.Item name="industrySection" label="行业门类" rules={[{ required: true, message: '请选择行业门类' }]}>
            <Select options={SECTION_OPTIONS} showSearch={{ optionFilterProp: 'label' }} onChange={() => form.setFieldValue('industryDivision', null)} />
          </Form.Item>
          <Form.Item name="industryDivision" label="行业大类">
            <Select allowClear options={divisionOptions(section)} disabled={!section} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="tools" label="质量工具">
            <Select mode="multiple" options={CASE_TOOLS.map((t) => ({ value: t, label: t }))} maxCount={8} />
          </Form.Item>
          <Form.Item name="problem" label="问题描述">
            <Input.TextArea rows={4} placeholder="遇到的质量问题、背景和影响" />
          </Form.Item>
          <Form.Item name="method" label="方法与过程">
            <Input.TextArea rows={5} placeholder="采用的方法、工具和实施步骤" />
          </Form.Item>
          <Form.Item name="results" label="成效">
            <Input.TextArea rows={3} placeholder="改进前后的数据、经济与社会效益" />
          </Form.Item>
          {formError ? <Alert className="block-card" type="error" showIcon title={formError} /> : null}
          <div className="case-actions">
            <Button loading={saving === 'save'} disabled={saving !== null} onClick={() => void save('save')}>
              保存草稿
            </Button>
            <Button type="primary" loading={saving === 'submit'} disabled={saving !== null} onClick={() => void save('submit')}>
              保存并提交审核
            </Button>
          </div>
        </Form>
      </Card>
      {id !== null && existing ? (
        <Attachments caseId={id} items={existing.attachments} />
      ) : (
        <Alert type="info" showIcon title="保存草稿后可上传附件（PDF、JPG、PNG，每个不超过 10 MB）" />
      )}
    </div>
  );
}

function Attachments({ caseId, items }: { caseId: number; items: CaseDetail['attachments'] }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.communityCase(caseId) });
  return (
    <Card size="small" className="block-card" title="附件（PDF、JPG、PNG，≤10 MB）">
      {items.map((a) => (
        <div key={a.id}>
          <a href={`/api/community/case-attachments/${a.id}`}>
            <PaperClipOutlined /> {a.fileName}
          </a>
          <Button
            type="link"
            danger
            size="small"
            icon={<DeleteOutlined />}
            aria-label={`删除 ${a.fileName}`}
            onClick={() => {
              api.delete(`/api/community/case-attachments/${a.id}`).then(refresh, (e: unknown) => message.error(errorMessage(e)));
            }}
          />
        </div>
      ))}
      <Upload
        accept=".pdf,.jpg,.jpeg,.png"
        showUploadList={false}
        customRequest={({ file, onSuccess, onError }) => {
          const form = new FormData();
          form.append('file', file);
          api.upload(`/api/community/cases/${caseId}/attachments`, form).then(
            async (r) => {
              onSuccess?.(r);
              message.success('附件已上传');
              await refresh();
            },
            (e: unknown) => {
              message.error(errorMessage(e));
              onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
            },
          );
        }}
      >
        <Button icon={<UploadOutlined />} className="section-alert">
          上传附件
        </Button>
      </Upload>
    </Card>
  );
}
