import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { LESSON_KIND_LABELS, LESSON_KINDS } from '../../../domain/study-time';
import { api } from '../../api/client';
import type { LessonForEdit } from '../../api/study-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { toLessonValues, toQuiz, type LessonValues } from './lesson-quiz';

/**
 * The lesson form: adds a lesson to a course, or (with `lesson`) edits one. An edit never changes the kind; when the
 * lesson is locked (course published or officers have opened it) only the title and the wording of the quiz may change.
 */
export function LessonForm({ courseId, lesson, onDone }: { courseId: number; lesson?: LessonForEdit; onDone: () => void }) {
  const [form] = Form.useForm<LessonValues>();
  const kind = Form.useWatch('kind', form);
  const locked = lesson?.lockedBecause != null;
  const add = useFormMutation({
    form,
    mutationFn: (v: LessonValues) => {
      const body = { title: v.title, kind: v.kind, readingMinutes: v.kind === 'document' ? v.readingMinutes : undefined, quiz: toQuiz(v) };
      return lesson ? api.put<unknown>(`/api/study/lessons/${lesson.id}`, body) : api.post<unknown>(`/api/study/courses/${courseId}/lessons`, body);
    },
    success: lesson ? '课时已保存' : '课时已添加',
    onDone: () => {
      if (!lesson) form.resetFields();
      onDone();
    },
  });
  return (
    <Form
      form={form}
      name={lesson ? `lesson-${lesson.id}` : `lesson-new-${courseId}`}
      layout="vertical"
      initialValues={lesson ? toLessonValues(lesson) : { kind: 'video', passScore: 60, questions: [] }}
      onFinish={() => void add.submit()}
      onValuesChange={add.clearError}
    >
      <FormError error={add.error} />
      {locked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${lesson.lockedBecause ?? ''}：只能修改课时名称和题目、选项的文字`}
          description="阅读时长、及格分、题目和选项的数量、正确答案会改变学员的计时或成绩，不能修改。"
        />
      ) : null}
      <Space wrap align="start">
        <Form.Item name="title" label="课时名称" rules={[{ required: true, message: '请填写课时名称' }]}>
          <Input style={{ width: 220, maxWidth: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label="类型" extra={lesson ? '类型不能修改' : undefined}>
          <Select style={{ width: 100 }} disabled={lesson !== undefined} options={LESSON_KINDS.map((k) => ({ value: k, label: LESSON_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind === 'document' ? (
          <Form.Item name="readingMinutes" label="阅读时长（分钟）" rules={[{ required: true, message: '请填写阅读时长' }]}>
            <InputNumber min={1} max={600} disabled={locked} />
          </Form.Item>
        ) : null}
        <Form.Item name="passScore" label="及格分">
          <InputNumber min={1} max={100} disabled={locked} />
        </Form.Item>
      </Space>
      <Form.List name="questions">
        {(fields, { add: addQuestion, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={`第 ${i + 1} 题`}
                style={{ marginBottom: 8 }}
                extra={
                  locked ? null : (
                    <Button size="small" type="link" onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  )
                }
              >
                <Form.Item name={[f.name, 'text']} label="题目" rules={[{ required: true, message: '请填写题目' }]}>
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, 'options']} label="选项（每行一个）" rules={[{ required: true, message: '请填写选项' }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name={[f.name, 'answer']} label="正确选项序号（多选用逗号分隔，如 1,3）" rules={[{ required: true, message: '请填写正确选项' }]}>
                  <Input style={{ width: 160 }} disabled={locked} />
                </Form.Item>
              </Card>
            ))}
            {locked ? null : (
              <Button icon={<PlusOutlined />} onClick={() => addQuestion({ text: '', options: '', answer: '' })} style={{ marginBottom: 12 }}>
                添加测验题
              </Button>
            )}
          </>
        )}
      </Form.List>
      <div>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {lesson ? '保存课时' : '添加课时'}
        </Button>
      </div>
    </Form>
  );
}
