import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, type FormInstance } from 'antd';
import { useMemo } from 'react';
import type { Candidate, FilingDetail } from '../../api/filing-types';
import { educationLabel, positionLabel, TREATMENT_BENEFIT_OPTIONS, TREATMENT_LEVEL_OPTIONS } from '../../components/filing-dict';
import { useIsMobile } from '../../components/use-is-mobile';
import type { MyFilingFormValues } from './my-filing-form';

/** Step 1 of the enterprise's filing editor (聘任信息): the candidate, the appointment and its 待遇. */
export function AppointmentStep({
  form,
  filing,
  candidates,
  presetCandidate,
  saving,
  formError,
  onSave,
  onEdit,
  onRecord,
  onWithdraw,
}: {
  form: FormInstance<MyFilingFormValues>;
  filing: FilingDetail | null;
  candidates: Candidate[];
  presetCandidate: number | undefined;
  saving: boolean;
  formError: string | null;
  onSave: (values: MyFilingFormValues) => void;
  onEdit: () => void;
  /** opens 登记拟任人员 */
  onRecord: () => void;
  onWithdraw: () => void;
}) {
  const isMobile = useIsMobile();
  const candidateOptions = useMemo(
    () =>
      candidates.map((c) => ({
        value: c.id,
        label: `${c.name}（${c.idNumberMasked}）`,
        title: `${c.name}：${educationLabel(c.education)}，质量管理 ${c.qualityYears} 年，${c.positionTitle}`,
      })),
    [candidates],
  );
  const candidateId = Form.useWatch('candidateId', form);
  const chosen = candidates.find((c) => c.id === candidateId);

  return (
    <Card size="small" className="block-card" title="聘任信息">
      {formError ? <Alert className="form-alert" type="error" showIcon title={formError} /> : null}
      {candidates.length === 0 ? (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title="请先登记拟任人员"
          action={
            <Button size="small" type="primary" onClick={onRecord}>
              登记
            </Button>
          }
        />
      ) : null}
      <Form<MyFilingFormValues>
        form={form}
        layout="vertical"
        onFinish={onSave}
        onValuesChange={onEdit}
        scrollToFirstError
        initialValues={{ candidateId: presetCandidate, reportsToGeneralManager: true, vetoRight: true }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label="拟任人员"
              name="candidateId"
              rules={[{ required: true, message: '请选择拟任人员' }]}
              extra={
                chosen ? (
                  `${educationLabel(chosen.education)} · 质量管理 ${chosen.qualityYears} 年 · ${chosen.positionTitle}（${positionLabel(chosen.positionLevel)}）`
                ) : (
                  <Button type="link" size="small" className="inline-link" icon={<UserAddOutlined />} onClick={onRecord}>
                    登记新的拟任人员
                  </Button>
                )
              }
            >
              <Select options={candidateOptions} placeholder="从已登记的拟任人员中选择" showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="聘任日期" name="appointmentDate" rules={[{ required: true, message: '请选择聘任日期' }]} extra="以企业聘任文件为准">
              <DatePicker className="full-width" inputReadOnly={isMobile} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="分管部门" name="departmentsLed">
              <Input maxLength={200} placeholder="如：质量管理部、检验检测中心" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="岗位待遇层级" name="treatmentLevel" extra="政策建议规上企业首席质量官享受企业高层副职（含）以上领导岗位待遇">
              <Select options={TREATMENT_LEVEL_OPTIONS} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="参加总经理例会、参与经营管理决策" name="attendsManagementMeetings" extra="苏质委办〔2020〕9号 三.2">
              <Radio.Group
                options={[
                  { value: true, label: '是' },
                  { value: false, label: '否' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="岗位津贴（元/月）" name="postAllowanceYuan">
              <InputNumber className="full-width" min={0} max={1000000} precision={0} placeholder="无则不填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="工作、生活待遇" name="treatmentBenefits">
              <Checkbox.Group options={TREATMENT_BENEFIT_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="其他待遇说明" name="treatment">
              <Input maxLength={200} placeholder="如：年度体检、带薪休假等" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="直接向总经理负责"
              name="reportsToGeneralManager"
              rules={[{ required: true, message: '请选择' }]}
              extra="政策要求首席质量官直接向企业总经理（主要负责人）负责"
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: true, label: '是' },
                  { value: false, label: '否' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="质量安全一票否决权" name="vetoRight" rules={[{ required: true, message: '请选择' }]} extra="对影响产品质量安全的决策有一票否决权">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: true, label: '有' },
                  { value: false, label: '无' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存，下一步：资格审查
          </Button>
          {filing ? <Button onClick={onWithdraw}>{filing.status === 'draft' ? '放弃草稿' : '撤回备案'}</Button> : null}
        </Space>
      </Form>
    </Card>
  );
}
