import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Table } from 'antd';
import { useState } from 'react';
import { COURSE_LEVEL_LABELS, type CourseLevel } from '../../../domain/study-time';
import { api, errorMessage } from '../../api/client';
import type { Course } from '../../api/study-types';
import { applyServerErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { CourseDrawer } from './CourseDrawer';
import { COURSE_FIELDS, courseBody, CourseFields, type CourseValues } from './CourseFields';
import { CourseStatusTag } from './CourseStatusTag';
import './study.css';

/** 课程管理 for bureaus: courses of the caller's region (the province: all), creating, lessons, publishing. */
export default function CourseManagePage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [form] = Form.useForm<CourseValues>();
  const list = useQuery({ queryKey: ['study-manage'], queryFn: () => api.get<Course[]>('/api/study/manage/courses') });
  const create = useMutation({
    mutationFn: (v: CourseValues) => api.post<{ id: number }>('/api/study/courses', courseBody(v)),
    onSuccess: (r) => {
      void message.success('课程已创建，请添加课时');
      setCreating(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['study-manage'] });
      setOpenId(r.id);
    },
    onError: (e) => {
      applyServerErrors(form, e, COURSE_FIELDS);
      void message.error(errorMessage(e));
    },
  });
  return (
    <div className="page">
      <PageHeader
        title="课程管理"
        description="省局发布的课程全省适用，设区市局发布的课程本市适用。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建课程
          </Button>
        }
      />
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} /> : null}
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        scroll={{ x: 720 }}
        columns={[
          { title: '课程', dataIndex: 'title', render: (t: string, c) => <a onClick={() => setOpenId(c.id)}>{t}</a> },
          { title: '层级', dataIndex: 'level', width: 70, render: (l: CourseLevel) => COURSE_LEVEL_LABELS[l] },
          { title: '必修', dataIndex: 'required', width: 70, render: (r: boolean) => (r ? '必修' : '选修') },
          { title: '学时', dataIndex: 'creditHours', width: 70 },
          { title: '课时数', dataIndex: 'lessonCount', width: 70 },
          { title: '发布单位', dataIndex: 'orgUnitName', width: 140 },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: Course['status']) => <CourseStatusTag status={s} /> },
        ]}
      />
      <Modal open={creating} title="新建课程" onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="创建">
        <Form form={form} name="course-new" layout="vertical" initialValues={{ level: 'basic', required: false, creditHours: 1 }} onFinish={(v) => create.mutate(v)}>
          <CourseFields />
        </Form>
      </Modal>
      {openId !== null ? <CourseDrawer courseId={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
