import { Alert, Col, Descriptions, Form, Input, Modal, Row } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { EnterpriseRegistration, RegistrationConfirmed } from '../../api/enterprise-types';
import { industryPath } from '../../components/enterprise-dict';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';
import { ClassificationFields, classificationBody, type ClassificationValues } from './ClassificationFields';

interface Values extends ClassificationValues {
  address?: string;
}

/**
 * 确认 a registration whose USCC is not in the roster yet: the bureau completes the classification the enterprise
 * proposed (行业、规模、经济类型 are needed for the new roster record).
 */
export function ConfirmRegistrationModal({
  registration,
  onClose,
  onConfirmed,
}: {
  registration: EnterpriseRegistration | null;
  onClose: () => void;
  onConfirmed: (r: EnterpriseRegistration) => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const confirm = useFormMutation({
    form,
    mutationFn: (v: Values) => {
      if (!registration) throw new Error('没有选中的申请');
      const address = v.address?.trim();
      return api.post<RegistrationConfirmed>(`/api/enterprise-registrations/${registration.id}/confirm`, {
        ...classificationBody(v),
        ...(address ? { address } : {}),
      });
    },
    // the caller says what happened (and refreshes the list)
    success: null,
    onDone: () => registration && onConfirmed(registration),
  });
  const { clearError } = confirm;

  useEffect(() => {
    if (!registration) return;
    clearError();
    form.resetFields();
    const p = registration.proposal;
    form.setFieldsValue({
      industryCode: industryPath(p.industryCode),
      scale: p.scale,
      ownership: p.ownership,
      aboveScale: p.aboveScale ?? false,
      aboveScaleYear: p.aboveScaleYear ?? null,
      address: p.address ?? '',
    });
  }, [registration, form, clearError]);

  return (
    <Modal
      open={registration !== null}
      title={registration ? `确认注册：${registration.name}` : ''}
      okText="确认并建立名录记录"
      onOk={() => void confirm.submit()}
      confirmLoading={confirm.isPending}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 720}
    >
      {registration ? (
        <>
          <Alert
            className="form-alert"
            type="info"
            showIcon
            title="名录中尚无该企业"
            description="确认后将按申请建立企业名录记录，并开通该企业账户。请核对企业分类信息（企业填写的已预先填入），缺少的请补充。"
          />
          <Descriptions
            className="form-alert"
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'name', label: '企业名称', children: registration.name },
              { key: 'uscc', label: '信用代码', children: <span className="mono">{registration.uscc}</span> },
              { key: 'unit', label: '主管局', children: registration.orgUnitName },
              { key: 'contact', label: '联系人', children: `${registration.contactPerson} ${registration.contactPhone}` },
            ]}
          />
          <FormError error={confirm.error} />
          <Form<Values> form={form} layout="vertical" onValuesChange={confirm.clearError}>
            <Row gutter={16}>
              <ClassificationFields />
              <Col span={24}>
                <Form.Item label="注册地址" name="address">
                  <Input placeholder="选填" maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
