import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { CaseCredited, CaseDetail } from '../../api/community-case-types';
import { useConfirmAction } from '../../components/confirm-action';
import { divisionText, sectionText } from '../../components/enterprise-dict';
import { formatDate, formatDateTimeShort } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { queryKeys } from '../../api/query-keys';
import { CaseStatusTag, FeaturedTag, RichText } from './parts';

/** One case: the text for every reader; edit/submit/withdraw for the author; review actions for the bureau. */
export default function CaseDetailPage() {
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: queryKeys.communityCase(id), queryFn: () => api.get<CaseDetail>(`/api/community/cases/${id}`) });
  if (!detail.data) return <RecordPending query={detail} what="案例" />;
  const c = detail.data;
  const a = c.abilities;
  // the list this reader came through: the bureau's review, the author's own cases, else the case library
  const back = a.review
    ? { title: '案例审核', to: '/community/case-review' }
    : a.edit || a.submit || a.withdraw
      ? { title: '我的案例', to: '/community/my-cases' }
      : { title: '经验案例', to: '/community/cases' };
  return (
    <div className="page">
      <PageHeader
        title={c.title}
        back={back}
        description={
          <Space size={[4, 4]} wrap>
            <CaseStatusTag status={c.status} />
            <FeaturedTag featured={c.featured} />
            {c.tools.map((t) => (
              <Tag key={t}>{t}</Tag>
            ))}
          </Space>
        }
      />
      {c.reviewRemarks && c.status !== 'published' ? (
        <Alert className="block-card" type="warning" showIcon title="审核意见" description={c.reviewRemarks} />
      ) : null}
      <Actions c={c} />
      <Card size="small" className="block-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'author', label: '作者', children: c.authorName },
            { key: 'enterprise', label: '企业', children: c.enterpriseName ?? '—' },
            { key: 'industry', label: '行业', children: c.industryDivision ? divisionText(c.industryDivision) : sectionText(c.industrySection) },
            {
              key: 'published',
              label: c.publishedAt ? '发布日期' : '提交时间',
              children: c.publishedAt ? formatDate(c.publishedAt) : formatDateTimeShort(c.submittedAt),
            },
          ]}
        />
        {c.summary ? <Typography.Paragraph className="section-alert">{c.summary}</Typography.Paragraph> : null}
      </Card>
      <Card size="small" className="block-card case-body">
        <Typography.Title level={5}>问题描述</Typography.Title>
        <RichText html={c.problem} />
        <Typography.Title level={5}>方法与过程</Typography.Title>
        <RichText html={c.method} />
        <Typography.Title level={5}>成效</Typography.Title>
        <RichText html={c.results} />
      </Card>
      {c.attachments.length > 0 ? (
        <Card size="small" className="block-card" title="附件">
          {c.attachments.map((a) => (
            <div key={a.id}>
              <a href={`/api/community/case-attachments/${a.id}`}>
                <PaperClipOutlined /> {a.fileName}
              </a>{' '}
              <Typography.Text type="secondary">{Math.max(1, Math.round(a.bytes / 1024))} KB</Typography.Text>
            </div>
          ))}
        </Card>
      ) : null}
    </div>
  );
}

type ReviewDialog = 'return' | 'publish' | 'unpublish';
interface ReviewValues {
  remarks?: string;
  featured?: boolean;
}

/** What a case action answers: 发布 and 精选 say what the author was credited. */
const actionDone = (path: string, result: Partial<CaseCredited>): string => {
  const credited = result.creditedMinutes;
  return path === 'publish' || path === 'feature' ? `操作成功${credited !== undefined ? `，作者计入学时 ${credited} 分钟` : ''}` : '操作成功';
};

function Actions({ c }: { c: CaseDetail }) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<ReviewDialog | null>(null);
  const [form] = Form.useForm<ReviewValues>();
  const { confirm, run } = useConfirmAction();
  const [pending, setPending] = useState(false);
  const keys = [queryKeys.communityCase(c.id), queryKeys.communityCases.all, queryKeys.communityCases.mine, queryKeys.caseReview.all];
  const post = (path: string, body?: unknown) => api.post<Partial<CaseCredited>>(`/api/community/cases/${c.id}/${path}`, body);
  /** 提交审核 and 精选: one click, no dialog */
  const act = (path: string, body?: unknown) => {
    setPending(true);
    void run({ action: () => post(path, body), success: (r) => actionDone(path, r), invalidate: keys }).finally(() => setPending(false));
  };
  const review = useFormMutation({
    form,
    mutationFn: ({ remarks = '', featured = false }: ReviewValues) =>
      dialog === 'publish' ? post('publish', { featured, ...(remarks.trim() ? { remarks: remarks.trim() } : {}) }) : post(dialog ?? 'return', { remarks }),
    success: (r) => actionDone(dialog ?? '', r),
    invalidate: keys,
    onDone: () => setDialog(null),
  });
  const open = (d: ReviewDialog) => {
    form.resetFields();
    review.clearError();
    setDialog(d);
  };
  const a = c.abilities;
  if (!a.edit && !a.submit && !a.withdraw && !a.review) return null;
  return (
    <Card size="small" className="block-card">
      <div className="case-actions">
        {a.edit ? <Button onClick={() => void navigate(`/community/my-cases/${c.id}/edit`)}>修改</Button> : null}
        {a.submit ? (
          <Button type="primary" loading={pending} onClick={() => act('submit')}>
            提交审核
          </Button>
        ) : null}
        {a.withdraw ? (
          <Button
            danger
            onClick={() =>
              confirm({
                title: '撤回案例',
                content: c.status === 'published' ? '撤回后案例从案例库下架，已计入的学时将被撤销。' : '撤回后案例不再参加审核。',
                okText: '撤回',
                danger: true,
                action: () => post('withdraw'),
                success: '操作成功',
                invalidate: keys,
              })
            }
          >
            撤回
          </Button>
        ) : null}
        {a.review && c.status === 'submitted' ? (
          <>
            <Button type="primary" onClick={() => open('publish')}>
              审核发布
            </Button>
            <Button onClick={() => open('return')}>退回修改</Button>
          </>
        ) : null}
        {a.review && c.status === 'published' ? (
          <>
            <Button loading={pending} onClick={() => act('feature', { featured: !c.featured })}>
              {c.featured ? '取消精选' : '设为精选'}
            </Button>
            <Button danger onClick={() => open('unpublish')}>
              撤销发布
            </Button>
          </>
        ) : null}
      </div>
      <Modal
        open={dialog !== null}
        title={dialog === 'publish' ? '审核发布' : dialog === 'return' ? '退回修改' : '撤销发布'}
        okText={dialog === 'publish' ? '发布' : '确定'}
        confirmLoading={review.isPending}
        onCancel={() => setDialog(null)}
        onOk={() => void review.submit()}
      >
        <FormError error={review.error} />
        <Form<ReviewValues> form={form} layout="vertical" onValuesChange={review.clearError}>
          {dialog === 'publish' ? (
            <Form.Item name="featured" valuePropName="checked">
              <Checkbox>设为精选案例</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item
            name="remarks"
            label="审核意见"
            rules={
              dialog === 'publish'
                ? []
                : [
                    { required: true, whitespace: true, message: '请写明原因和修改要求' },
                    { min: 2, message: '请填写意见（至少 2 个字）' },
                  ]
            }
          >
            <Input.TextArea rows={3} maxLength={500} placeholder={dialog === 'publish' ? '审核意见（可选）' : '请写明原因和修改要求'} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
