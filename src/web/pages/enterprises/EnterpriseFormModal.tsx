import { Alert, Col, Form, Input, Modal, Row, Select, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import type { EnterpriseStatus } from '../../../domain/enterprise';
import { parseUscc } from '../../../domain/uscc';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { Enterprise } from '../../api/enterprise-types';
import {
  ENTERPRISE_UNIT_KINDS,
  fieldLabel,
  industryPath,
  normalizeUscc,
  phoneRule,
  previewReviewFlags,
  STATUS_OPTIONS,
  usccRule,
} from '../../components/enterprise-dict';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { flattenOrgTree, useOrgTree } from '../../components/org-tree';
import { codeTree } from '../../components/public-org-units';
import { useIsMobile } from '../../components/use-is-mobile';
import { ClassificationFields, classificationBody, type ClassificationValues } from './ClassificationFields';

interface Values extends ClassificationValues {
  uscc: string;
  name: string;
  orgUnitCode: string;
  address?: string;
  legalRepresentative?: string;
  contactPerson?: string;
  contactPhone?: string;
  status: EnterpriseStatus;
}

const text = (v: string | undefined): string | null => v?.trim() || null;

/** 新增企业 (enterprise = null) or 编辑企业信息: `POST /api/enterprises` / `PUT /api/enterprises/:id` with the same body. */
export function EnterpriseFormModal({
  open,
  enterprise,
  onClose,
  onSaved,
}: {
  open: boolean;
  enterprise: Enterprise | null;
  onClose: () => void;
  onSaved: (saved: Enterprise, created: boolean) => void;
}) {
  const isMobile = useIsMobile();
  const tree = useOrgTree();
  const [form] = Form.useForm<Values>();
  const treeData = useMemo(() => codeTree(tree.data ?? [], ENTERPRISE_UNIT_KINDS), [tree.data]);
  const units = useMemo(() => flattenOrgTree(tree.data ?? []), [tree.data]);
  const choosable = useMemo(() => units.filter((u) => ENTERPRISE_UNIT_KINDS.includes(u.kind)), [units]);

  const uscc = Form.useWatch('uscc', form);
  const unitCode = Form.useWatch('orgUnitCode', form);
  const parsed = uscc ? parseUscc(uscc) : null;
  const flags = previewReviewFlags(uscc, units.find((u) => u.code === unitCode)?.path);

  const save = useFormMutation({
    form,
    mutationFn: async (v: Values) => {
      const body = {
        uscc: enterprise ? enterprise.uscc : v.uscc,
        name: v.name.trim(),
        orgUnitCode: v.orgUnitCode,
        address: text(v.address),
        legalRepresentative: text(v.legalRepresentative),
        contactPerson: text(v.contactPerson),
        contactPhone: text(v.contactPhone),
        ...classificationBody(v),
        status: v.status,
      };
      return enterprise
        ? { saved: await api.put<Enterprise>(`/api/enterprises/${enterprise.id}`, { ...body, version: enterprise.version }), created: false }
        : { saved: await api.post<Enterprise>('/api/enterprises', body), created: true };
    },
    // the caller says what happened (and closes the dialog)
    success: null,
    onDone: ({ saved, created }) => onSaved(saved, created),
  });
  const { clearError, reset: resetSave } = save;
  /**
   * A 409 on create: the USCC is already in the roster (perhaps under another bureau); the server's message sits under
   * the field, and this offers the way to it. (`error` is the hook's message; `failureReason` is the refusal itself.)
   */
  const duplicate =
    !enterprise && save.failureReason instanceof ApiError && save.failureReason.status === 409 && save.variables ? normalizeUscc(save.variables.uscc) : null;

  useEffect(() => {
    if (!open) return;
    clearError();
    resetSave();
    form.resetFields();
    if (enterprise) {
      form.setFieldsValue({
        uscc: enterprise.uscc,
        name: enterprise.name,
        orgUnitCode: enterprise.orgUnitCode,
        address: enterprise.address ?? '',
        legalRepresentative: enterprise.legalRepresentative ?? '',
        contactPerson: enterprise.contactPerson ?? '',
        contactPhone: enterprise.contactPhone ?? '',
        industryCode: industryPath(enterprise.industryCode),
        scale: enterprise.scale,
        ownership: enterprise.ownership,
        aboveScale: enterprise.aboveScale,
        aboveScaleYear: enterprise.aboveScaleYear,
        status: enterprise.status,
      });
    } else if (choosable.length === 1) {
      form.setFieldValue('orgUnitCode', choosable[0]?.code);
    }
  }, [open, enterprise, form, choosable, clearError, resetSave]);

  return (
    <Modal
      open={open}
      title={enterprise ? `编辑企业信息：${enterprise.name}` : '新增企业'}
      okText={enterprise ? '保存' : '创建'}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 800}
      className="form-modal"
    >
      <FormError error={save.error} />
      {duplicate ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title="该统一社会信用代码已在企业名录中，无需重复录入"
          description={
            <span>
              如需修改其信息，请
              <Link to={`/enterprises?q=${duplicate}`} onClick={onClose}>
                在名录中查找该企业
              </Link>
              后编辑；如在名录中查不到，说明该企业由其他单位管辖，请与该单位联系。
            </span>
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ status: 'operating', aboveScale: false }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={() => {
          clearError();
          if (save.isError) resetSave();
        }}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={fieldLabel('uscc')}
              name="uscc"
              normalize={normalizeUscc}
              validateFirst
              rules={enterprise ? [] : [{ required: true, message: '请输入统一社会信用代码' }, usccRule]}
              extra={
                enterprise
                  ? '信用代码不可修改；如登记有误，请将该记录设为注销后重新录入。'
                  : parsed?.ok
                    ? `${parsed.value.authority}登记 · ${parsed.value.type} · 登记地代码 ${parsed.value.regionCode}`
                    : '18 位，输入时即校验'
              }
            >
              <Input placeholder="18 位统一社会信用代码" maxLength={18} className="mono" autoComplete="off" spellCheck={false} disabled={Boolean(enterprise)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={fieldLabel('name')}
              name="name"
              rules={[
                { required: true, whitespace: true, message: '请输入企业名称' },
                { min: 2, message: '企业名称至少 2 个字' },
              ]}
            >
              <Input placeholder="与营业执照一致" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="所属单位"
              name="orgUnitCode"
              rules={[{ required: true, message: '请选择所属单位' }]}
              extra="企业归属的设区市、县（市、区）或开发区/园区（灰色不可选）"
            >
              <TreeSelect<string>
                placeholder="请选择所属单位"
                treeData={treeData}
                loading={tree.isPending}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandedKeys={(tree.data ?? []).map((n) => n.code)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={fieldLabel('status')} name="status" rules={[{ required: true, message: '请选择经营状态' }]}>
              <Select<EnterpriseStatus> options={STATUS_OPTIONS} />
            </Form.Item>
          </Col>
          {flags && flags.length > 0 ? (
            <Col span={24}>
              <Alert
                className="form-alert"
                type="warning"
                showIcon
                title={`保存后将标记为待核实：${flags.join('；')}`}
                description="信用代码第 3–8 位是登记机关所在地。请核对信用代码和所属单位；确认无误也可保存。"
              />
            </Col>
          ) : null}
          <Col xs={24}>
            <Form.Item label={fieldLabel('address')} name="address">
              <Input placeholder="选填" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={fieldLabel('legalRepresentative')} name="legalRepresentative">
              <Input placeholder="选填" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={fieldLabel('contactPerson')} name="contactPerson">
              <Input placeholder="选填" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={fieldLabel('contactPhone')} name="contactPhone" rules={[phoneRule]}>
              <Input placeholder="选填" inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <ClassificationFields />
        </Row>
        <Typography.Text type="secondary" className="form-footnote-text">
          带 * 的为必填项。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
