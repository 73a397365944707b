import { Form, Modal } from 'antd';
import { api } from '../../api/client';
import type { CourseDetail } from '../../api/study-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { courseBody, CourseFields, type CourseValues } from './CourseFields';

/** 修改课程信息: the course's fields, saved against its version. */
export function CourseEditModal({ course, onClose, onSaved }: { course: CourseDetail; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<CourseValues>();
  const save = useFormMutation({
    form,
    mutationFn: (v: CourseValues) => api.put(`/api/study/courses/${course.id}`, { ...courseBody(v), version: course.version }),
    success: '课程信息已保存',
    onDone: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <Modal open title="修改课程信息" onCancel={onClose} onOk={() => void save.submit()} confirmLoading={save.isPending} okText="保存">
      <FormError error={save.error} />
      <Form
        form={form}
        name="course-edit"
        layout="vertical"
        initialValues={{
          title: course.title,
          summary: course.summary,
          level: course.level,
          required: course.required,
          creditHours: course.creditHours,
          tags: course.tags,
        }}
        onValuesChange={save.clearError}
      >
        <CourseFields />
      </Form>
    </Modal>
  );
}
