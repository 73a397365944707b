import { Alert, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { parseIdNumber } from '../../../domain/id-number';
import { api, ApiError } from '../../api/client';
import type { Candidate, CandidateCorrected } from '../../api/filing-types';
import { phoneRule } from '../../components/enterprise-dict';
import { EDUCATION_OPTIONS, genderLabel, idNumberRule, normalizeIdNumber, POSITION_OPTIONS } from '../../components/filing-dict';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';
import type { Education, PositionLevel } from '../../../domain/eligibility';
import type { Created } from '../../api/types';

interface Values {
  name: string;
  idNumber: string;
  phone?: string;
  education: Education;
  qualityYears: number;
  positionTitle: string;
  positionLevel: PositionLevel;
}

type Facts = Omit<Values, 'name' | 'idNumber'>;

/** A 409 (a known ID number under another name, a stale version) lands on its field; the whole story goes above the form as well. */
const conflictAbove = (error: unknown, rest: string | null) => (error instanceof ApiError && error.status === 409 ? error.message : rest);

/** The facts an enterprise states about a candidate (and may correct later): phone, education, years, position. */
function PersonFactsFields() {
  return (
    <>
      <Col xs={24} sm={10}>
        <Form.Item label="联系电话" name="phone" rules={[phoneRule]}>
          <Input maxLength={20} inputMode="tel" placeholder="选填" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={7}>
        <Form.Item label="学历" name="education" rules={[{ required: true, message: '请选择学历' }]}>
          <Select options={EDUCATION_OPTIONS} placeholder="请选择" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={7}>
        <Form.Item label="质量管理工作年限" name="qualityYears" rules={[{ required: true, message: '请填写年限' }]}>
          <InputNumber min={0} max={60} precision={0} suffix="年" className="full-width" inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          label="现任职务"
          name="positionTitle"
          rules={[
            { required: true, whitespace: true, message: '请填写现任职务' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input maxLength={40} placeholder="如：质量总监" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label="职务层级" name="positionLevel" rules={[{ required: true, message: '请选择职务层级' }]}>
          <Select options={POSITION_OPTIONS} placeholder="请选择" />
        </Form.Item>
      </Col>
    </>
  );
}

/**
 * 登记拟任人员: `POST /api/candidates`. The ID number is checked while typing and sent once; the server keeps it
 * encrypted and only ever shows it masked, so the form is emptied afterwards.
 */
export function CandidateFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (answer: { id: number }, name: string) => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const idNumber = Form.useWatch('idNumber', form);
  const parsed = idNumber ? parseIdNumber(idNumber) : null;
  const save = useFormMutation({
    form,
    mutationFn: (v: Values) => {
      const phone = v.phone?.trim();
      return api.post<Created>('/api/candidates', {
        name: v.name.trim(),
        idNumber: v.idNumber,
        ...(phone ? { phone } : {}),
        education: v.education,
        qualityYears: v.qualityYears,
        positionTitle: v.positionTitle.trim(),
        positionLevel: v.positionLevel,
      });
    },
    // the caller says what happened
    success: null,
    formError: conflictAbove,
    onDone: (answer, v) => {
      form.resetFields();
      onSaved(answer, v.name.trim());
    },
  });
  const { clearError } = save;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clearError();
  }, [open, form, clearError]);

  return (
    <Modal
      open={open}
      title="登记拟任人员"
      okText="登记"
      confirmLoading={save.isPending}
      onOk={() => void save.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 640}
    >
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title="拟任人员可登记多人（竞争上岗），备案时从中选择一人"
        description="身份证号加密保存，登记后只显示脱敏号码。已在其他企业登记过的人员，按身份证号关联到同一人。"
      />
      <FormError error={save.error} />
      <Form<Values> form={form} layout="vertical" onValuesChange={save.clearError} autoComplete="off">
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              label="姓名"
              name="name"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { min: 2, message: '姓名至少 2 个字' },
              ]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              label="居民身份证号"
              name="idNumber"
              normalize={normalizeIdNumber}
              validateFirst
              rules={[{ required: true, message: '请输入居民身份证号' }, idNumberRule]}
              extra={parsed?.ok ? `出生日期 ${parsed.value.birthDate} · ${genderLabel(parsed.value.gender)}` : '18 位，最后一位可为 X'}
            >
              <Input maxLength={18} className="mono" spellCheck={false} autoComplete="off" inputMode="text" />
            </Form.Item>
          </Col>
          <PersonFactsFields />
        </Row>
      </Form>
    </Modal>
  );
}

/**
 * 更正信息: `PUT /api/candidates/:id` with the facts only (name and ID number cannot change). The server answers
 * 409 when the person maintains their own account; that message is shown above the form.
 */
export function CandidateCorrectModal({
  open,
  candidate,
  onClose,
  onSaved,
}: {
  open: boolean;
  candidate: Candidate | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Facts>();
  const save = useFormMutation({
    form,
    mutationFn: (v: Facts) => {
      const phone = v.phone?.trim();
      return api.put<CandidateCorrected>(`/api/candidates/${candidate?.id ?? 0}`, {
        education: v.education,
        qualityYears: v.qualityYears,
        positionTitle: v.positionTitle.trim(),
        positionLevel: v.positionLevel,
        ...(phone ? { phone } : {}),
        version: candidate?.version,
      });
    },
    // the caller says what happened
    success: null,
    formError: conflictAbove,
    onDone: () => {
      if (candidate) onSaved(candidate.name);
    },
  });
  const { clearError } = save;

  useEffect(() => {
    if (open) clearError();
  }, [open, clearError]);

  return (
    <Modal
      open={open}
      title="更正拟任人员信息"
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => void save.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 640}
    >
      {candidate ? (
        <Descriptions
          className="form-alert"
          size="small"
          bordered
          column={1}
          items={[
            { key: 'name', label: '姓名', children: candidate.name },
            { key: 'id', label: '居民身份证号', children: <span className="mono id-masked">{candidate.idNumberMasked}</span> },
          ]}
        />
      ) : null}
      <Alert className="form-alert" type="info" showIcon title="姓名和身份证号不能更正；如登记有误，请移出后重新登记。" />
      <FormError error={save.error} />
      <Form<Facts>
        // a fresh form for each candidate (the modal's content is destroyed when hidden)
        key={candidate?.id}
        form={form}
        layout="vertical"
        initialValues={
          candidate
            ? {
                phone: candidate.phone ?? '',
                education: candidate.education,
                qualityYears: candidate.qualityYears,
                positionTitle: candidate.positionTitle,
                positionLevel: candidate.positionLevel,
              }
            : {}
        }
        onValuesChange={save.clearError}
        autoComplete="off"
      >
        <Row gutter={12}>
          <PersonFactsFields />
        </Row>
      </Form>
    </Modal>
  );
}
