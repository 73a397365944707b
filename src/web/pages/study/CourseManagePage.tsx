import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { COURSE_LEVEL_LABELS, type CourseLevel } from '../../../domain/study-time';
import { api } from '../../api/client';
import type { Course } from '../../api/study-types';
import { QueryTable } from '../../components/list/QueryTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { CourseDrawer } from './CourseDrawer';
import { courseBody, CourseFields, type CourseValues } from './CourseFields';
import { CourseStatusTag } from './CourseStatusTag';
import './study.css';
import type { Created } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

/** 课程管理 for bureaus: courses of the caller's region (the province: all), creating, lessons, publishing. */
export default function CourseManagePage() {
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [form] = Form.useForm<CourseValues>();
  const list = useQuery({ queryKey: queryKeys.study.manage, queryFn: () => api.get<Course[]>('/api/study/manage/courses') });
  const create = useFormMutation({
    form,
    mutationFn: (v: CourseValues) => api.post<Created>('/api/study/courses', courseBody(v)),
    success: '课程已创建，请添加课时',
    invalidate: [queryKeys.study.manage],
    onDone: (r) => {
      setCreating(false);
      form.resetFields();
      setOpenId(r.id);
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
      <QueryTable<Course>
        query={list}
        what="课程"
        empty="还没有课程，点击“新建课程”开始"
        rowKey="id"
        scroll={{ x: 720 }}
        totalText={(n) => `共 ${String(n)} 门`}
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
      <Modal
        open={creating}
        title="新建课程"
        onCancel={() => {
          create.clearError();
          setCreating(false);
        }}
        onOk={() => void create.submit()}
        confirmLoading={create.isPending}
        okText="创建"
      >
        <FormError error={create.error} />
        <Form
          form={form}
          name="course-new"
          layout="vertical"
          initialValues={{ level: 'basic', required: false, creditHours: 1 }}
          onValuesChange={create.clearError}
        >
          <CourseFields />
        </Form>
      </Modal>
      {openId !== null ? <CourseDrawer courseId={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
