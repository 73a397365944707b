import { useMutation } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { CourseDetail } from '../../api/study-types';
import { applyServerErrors } from '../../components/form-errors';
import { COURSE_FIELDS, courseBody, CourseFields, type CourseValues } from './CourseFields';

/** 修改课程信息: the course's fields, saved against its version. */
export function CourseEditModal({ course, onClose, onSaved }: { course: CourseDetail; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CourseValues>();
  const save = useMutation({
    mutationFn: (v: CourseValues) => api.put(`/api/study/courses/${course.id}`, { ...courseBody(v), version: course.version }),
    onSuccess: () => {
      void message.success('课程信息已保存');
      onSaved();
      onClose();
    },
    onError: (e) => {
      applyServerErrors(form, e, COURSE_FIELDS);
      void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title="修改课程信息" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText="保存">
      <Form
        form={form}
        name="course-edit"
        layout="vertical"
        initialValues={{ title: course.title, summary: course.summary, level: course.level, required: course.required, creditHours: course.creditHours, tags: course.tags }}
        onFinish={(v) => save.mutate(v)}
      >
        <CourseFields />
      </Form>
    </Modal>
  );
}
