import { Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { COURSE_LEVEL_LABELS, COURSE_LEVELS, type CourseLevel } from '../../../domain/study-time';

/** A course's form values, shared by the create and the edit dialogs. */
export interface CourseValues {
  title: string;
  summary?: string;
  level: CourseLevel;
  required: boolean;
  creditHours: number;
  tags?: string[];
}

export const courseBody = (v: CourseValues) => ({ ...v, summary: v.summary ?? '', tags: v.tags ?? [] });

/** The fields of a course, shared by the create and the edit dialogs. */
export function CourseFields() {
  return (
    <>
      <Form.Item name="title" label="课程名称" rules={[{ required: true, message: '请填写课程名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="summary" label="简介">
        <Input.TextArea rows={3} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="level" label="层级">
          <Select style={{ width: 100 }} options={COURSE_LEVELS.map((l) => ({ value: l, label: COURSE_LEVEL_LABELS[l] }))} />
        </Form.Item>
        <Form.Item name="creditHours" label="学时">
          <InputNumber min={0.5} max={100} step={0.5} />
        </Form.Item>
        <Form.Item name="required" label="必修" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="tags" label="标签">
        <Select mode="tags" tokenSeparators={[',', '，']} placeholder="输入后回车" />
      </Form.Item>
    </>
  );
}
