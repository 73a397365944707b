import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { TrainingTier } from '../../../domain/training-delegation';
import type { PlanInput } from '../../api/training-plan-types';
import { FORMAT_OPTIONS } from './dict';

/** A new class of a plan of this tier, as 添加班次 proposes it. */
export const emptyPlanClass = (tier: TrainingTier): PlanInput['classes'][number] => ({
  title: tier === 'basic' ? '首席质量官任职培训班' : tier === 'enhanced' ? '首席质量官继续教育提升班' : '首席质量官高级研修班',
  plannedMonth: 4,
  format: 'offline',
  places: 50,
  hours: 16,
  budgetYuan: 0,
  budgetNote: null,
});

/** 计划班次 of the plan form: a card a class, with 添加班次 (a class of the plan's tier). */
export function PlanClassesFields({ tier }: { tier: TrainingTier }) {
  return (
    <Form.List name="classes">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={`班次 ${index + 1}`}
              extra={<Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除班次" onClick={() => remove(field.name)} />}
            >
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'title']} label="班次名称" rules={[{ required: true, whitespace: true, message: '请填写班次名称' }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'plannedMonth']} label="计划月份" rules={[{ required: true, message: '请选择月份' }]}>
                    <Select options={Array.from({ length: 12 }, (_v, i) => ({ value: i + 1, label: `${i + 1} 月` }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'format']} label="培训形式" rules={[{ required: true, message: '请选择形式' }]}>
                    <Select options={FORMAT_OPTIONS} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={4}>
                  <Form.Item name={[field.name, 'places']} label="计划人数" rules={[{ required: true, message: '必填' }]}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={4}>
                  <Form.Item name={[field.name, 'hours']} label="学时" rules={[{ required: true, message: '必填' }]}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={6}>
                  <Form.Item name={[field.name, 'budgetYuan']} label="预算（元）" rules={[{ required: true, message: '必填' }]}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item name={[field.name, 'budgetNote']} label="经费说明">
                    <Input maxLength={200} placeholder="如：师资、场地与资料费" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(emptyPlanClass(tier))} style={{ marginBottom: 16 }}>
            添加班次
          </Button>
        </>
      )}
    </Form.List>
  );
}
