import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Tag, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { Enterprise, MyEnterprise, OwnEnterpriseUpdated } from '../../api/enterprise-types';
import { ENTERPRISE_UNIT_KINDS, fieldLabel, industryPath, phoneRule, STATUS_COLORS, statusLabel } from '../../components/enterprise-dict';
import { formatDateTime } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { publicUnitTree, usePublicOrgUnits } from '../../components/public-org-units';
import { useIsMobile } from '../../components/use-is-mobile';
import { ClassificationFields, classificationBody, type ClassificationValues } from './ClassificationFields';
import './enterprises.css';
import type { Created } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

const MINE_KEY = queryKeys.enterpriseMine;

interface ProfileValues extends ClassificationValues {
  address?: string;
  legalRepresentative?: string;
  contactPerson?: string;
  contactPhone?: string;
}

const text = (v: string | undefined): string | null => v?.trim() || null;

/** 本企业信息 for an enterprise account: registration progress, then the profile it maintains itself. */
export default function MyEnterprisePage() {
  const mine = useQuery({ queryKey: MINE_KEY, queryFn: () => api.get<MyEnterprise>('/api/enterprises/mine'), staleTime: 0 });

  if (!mine.data) return <RecordPending query={mine} what="本企业信息" />;
  const { enterprise, registration } = mine.data;

  if (!enterprise) {
    if (registration?.status === 'refused') {
      return (
        <div className="page">
          <Result
            status="warning"
            title="注册申请已被退回"
            subTitle={
              <>
                <p>退回理由：{registration.reason ?? '未说明'}</p>
                <p>请按理由修改后重新注册，如有疑问请联系主管市场监管局。</p>
              </>
            }
          />
        </div>
      );
    }
    if (registration?.status === 'pending') {
      return (
        <div className="page">
          <Result
            status="info"
            title="注册申请已提交，等待主管局确认"
            subTitle={
              <>
                <p>提交时间：{formatDateTime(registration.createdAt)}</p>
                <p>主管市场监管局核实后即开通本企业信息维护、聘任备案等功能。请留意联系电话，或稍后再登录查看。</p>
              </>
            }
            extra={
              <Button onClick={() => void mine.refetch()} loading={mine.isFetching}>
                刷新审核状态
              </Button>
            }
          />
        </div>
      );
    }
    return (
      <div className="page">
        <Result status="info" title="本账户尚未关联企业" subTitle="请联系主管市场监管局。" />
      </div>
    );
  }
  return <Profile enterprise={enterprise} />;
}

function Profile({ enterprise: e }: { enterprise: Enterprise }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileValues>();
  const [changeOpen, setChangeOpen] = useState(false);
  const [changeSent, setChangeSent] = useState(false);

  useEffect(() => {
    form.setFieldsValue({
      address: e.address ?? '',
      legalRepresentative: e.legalRepresentative ?? '',
      contactPerson: e.contactPerson ?? '',
      contactPhone: e.contactPhone ?? '',
      industryCode: industryPath(e.industryCode),
      scale: e.scale,
      ownership: e.ownership,
      aboveScale: e.aboveScale,
      aboveScaleYear: e.aboveScaleYear,
    });
  }, [e, form]);

  const save = useFormMutation({
    form,
    mutationFn: (v: ProfileValues) =>
      api.put<OwnEnterpriseUpdated>('/api/enterprises/mine', {
        address: text(v.address),
        legalRepresentative: text(v.legalRepresentative),
        contactPerson: text(v.contactPerson),
        contactPhone: text(v.contactPhone),
        ...classificationBody(v),
        version: e.version,
      }),
    success: ({ changeRequested }) => (changeRequested ? '本企业信息已保存；规上、规模、经济类型或行业的变更已提交主管局确认' : '本企业信息已保存'),
    onDone: ({ changeRequested, ...saved }) => {
      queryClient.setQueryData<MyEnterprise>(MINE_KEY, (old) => (old ? { ...old, enterprise: saved } : old));
      // the classification stays as confirmed until the county confirms the request
      if (changeRequested) void queryClient.invalidateQueries({ queryKey: MINE_KEY });
    },
  });

  return (
    <div className="page">
      <PageHeader
        title="本企业信息"
        description="请保持信息准确，主管局和行业主管部门据此开展工作。企业名称、主管单位以及规上、规模、经济类型、行业的变更须主管局确认。"
      />
      {changeSent ? (
        <Alert className="form-alert" type="success" showIcon closable title="变更申请已提交，等待主管局确认。确认后企业名称或主管单位即更新。" />
      ) : null}
      <Card
        size="small"
        className="block-card"
        title="登记信息"
        extra={
          <Button size="small" icon={<EditOutlined />} onClick={() => setChangeOpen(true)}>
            申请变更
          </Button>
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'name', label: fieldLabel('name'), children: e.name },
            { key: 'uscc', label: fieldLabel('uscc'), children: <span className="mono">{e.uscc}</span> },
            { key: 'unit', label: '主管单位', children: e.orgUnitName },
            { key: 'status', label: fieldLabel('status'), children: <Tag color={STATUS_COLORS[e.status] ?? 'default'}>{statusLabel(e.status)}</Tag> },
          ]}
        />
        <Typography.Paragraph type="secondary" className="card-footnote">
          以上信息不能直接修改。企业名称或主管单位有变化时，请点“申请变更”，由主管局确认。
        </Typography.Paragraph>
      </Card>
      <Card size="small" className="block-card" title="企业信息" extra={<Link to="/account/contact">联系邮箱与通知</Link>}>
        <FormError error={save.error} />
        <Form<ProfileValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} onValuesChange={save.clearError} scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24}>
              <Form.Item label={fieldLabel('address')} name="address">
                <Input maxLength={200} placeholder="与营业执照一致" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={fieldLabel('legalRepresentative')} name="legalRepresentative">
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={fieldLabel('contactPerson')} name="contactPerson">
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={fieldLabel('contactPhone')} name="contactPhone" rules={[phoneRule]}>
                <Input inputMode="tel" maxLength={20} />
              </Form.Item>
            </Col>
            <ClassificationFields />
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Typography.Text type="secondary" className="save-hint">
            最近更新：{formatDateTime(e.updatedAt)}
          </Typography.Text>
        </Form>
      </Card>
      <ChangeRequestModal
        open={changeOpen}
        enterprise={e}
        onClose={() => setChangeOpen(false)}
        onSent={() => {
          setChangeOpen(false);
          setChangeSent(true);
        }}
      />
    </div>
  );
}

interface ChangeValues {
  name?: string;
  orgUnitId?: number;
  reason: string;
}

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/** `POST /api/enterprises/mine/change-requests` {name?, orgUnitId?, reason}; one pending request at a time (409). */
function ChangeRequestModal({ open, enterprise, onClose, onSent }: { open: boolean; enterprise: Enterprise; onClose: () => void; onSent: () => void }) {
  const isMobile = useIsMobile();
  const units = usePublicOrgUnits();
  const [form] = Form.useForm<ChangeValues>();
  const treeData = useMemo(() => publicUnitTree(units.data ?? [], ENTERPRISE_UNIT_KINDS), [units.data]);

  const send = useFormMutation({
    form,
    mutationFn: (v: ChangeValues) => {
      const name = v.name?.trim();
      return api.post<Created>('/api/enterprises/mine/change-requests', {
        ...(name ? { name } : {}),
        ...(v.orgUnitId !== undefined ? { orgUnitId: v.orgUnitId } : {}),
        reason: v.reason.trim(),
      });
    },
    // the page says so (and the dialog closes)
    success: null,
    onDone: onSent,
    // a 409 (one pending request at a time) has its own warning below
    formError: (error, rest) => (isConflict(error) ? null : rest),
  });
  const { clearError, reset: resetSend } = send;
  /** `failureReason` is the refusal itself (`error` is the hook's message); it stays until the next submit */
  const pendingExists = isConflict(send.failureReason);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clearError();
    resetSend();
  }, [open, form, clearError, resetSend]);

  return (
    <Modal
      open={open}
      title="申请变更企业名称或主管单位"
      okText="提交申请"
      onOk={() => form.submit()}
      confirmLoading={send.isPending}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 560}
    >
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title="只填写要变更的项目"
        description={`现企业名称：${enterprise.name}；现主管单位：${enterprise.orgUnitName}。提交后由主管局确认，确认前原信息不变。`}
      />
      <FormError error={send.error} />
      {pendingExists ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title="已有一份变更申请在等待主管局确认"
          description="主管局处理后才能再提交新的申请。如需改动申请内容，请联系主管局退回原申请。"
        />
      ) : null}
      <Form<ChangeValues> form={form} layout="vertical" onFinish={(v) => send.mutate(v)} onValuesChange={clearError}>
        <Form.Item
          label="新企业名称"
          name="name"
          rules={[
            { min: 2, message: '企业名称至少 2 个字' },
            {
              validator: (_r, v: string | undefined) =>
                v?.trim() && v.trim() === enterprise.name ? Promise.reject(new Error('与现企业名称相同')) : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={100} placeholder="不变更请留空" />
        </Form.Item>
        <Form.Item
          label="新主管单位"
          name="orgUnitId"
          dependencies={['name']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, v: number | undefined) => {
                if (v === enterprise.orgUnitId) return Promise.reject(new Error('与现主管单位相同'));
                const name = (getFieldValue('name') as string | undefined)?.trim();
                return v === undefined && !name ? Promise.reject(new Error('请填写新企业名称或选择新主管单位')) : Promise.resolve();
              },
            }),
          ]}
          extra="企业迁址到其他县（市、区）或开发区/园区时选择"
        >
          <TreeSelect<number>
            placeholder="不变更请留空"
            allowClear
            treeData={treeData}
            loading={units.isPending}
            showSearch={{ treeNodeFilterProp: 'title' }}
          />
        </Form.Item>
        <Form.Item
          label="变更理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写变更理由' },
            { min: 2, message: '理由至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：已于 2026 年 10 月办理工商名称变更登记" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
