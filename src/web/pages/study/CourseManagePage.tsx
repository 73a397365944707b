import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { COURSE_LEVEL_LABELS, COURSE_LEVELS, LESSON_KIND_LABELS, LESSON_KINDS, type CourseLevel, type LessonKind } from '../../../domain/study-time';
import { api, errorMessage, request } from '../../api/client';
import type { Course, CourseDetail } from '../../api/study-types';
import { applyServerErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { minutesText } from './study-format';
import './study.css';

const STATUS = { draft: ['default', '草稿'], published: ['success', '已发布'], withdrawn: ['warning', '已撤回'] } as const;

interface CourseValues {
  title: string;
  summary?: string;
  level: CourseLevel;
  required: boolean;
  creditHours: number;
  tags?: string[];
}

interface LessonValues {
  title: string;
  kind: LessonKind;
  readingMinutes?: number;
  passScore?: number;
  questions?: { text: string; options: string; answer: string }[];
}

/** The form's quiz (options one per line, answers as 1-based numbers) as the API wants it. */
function toQuiz(v: LessonValues) {
  const questions = (v.questions ?? []).filter((q) => q.text.trim());
  if (questions.length === 0) return null;
  return {
    passScore: v.passScore ?? 60,
    questions: questions.map((q) => ({
      text: q.text.trim(),
      options: q.options
        .split('\n')
        .map((o) => o.trim())
        .filter(Boolean),
      answer: q.answer
        .split(/[,，\s]+/)
        .filter(Boolean)
        .map((n) => Number(n) - 1),
    })),
  };
}

function LessonForm({ courseId, onDone }: { courseId: number; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<LessonValues>();
  const kind = Form.useWatch('kind', form);
  const add = useMutation({
    mutationFn: (v: LessonValues) => api.post<{ id: number }>(`/api/study/courses/${courseId}/lessons`, { title: v.title, kind: v.kind, readingMinutes: v.kind === 'document' ? v.readingMinutes : undefined, quiz: toQuiz(v) }),
    onSuccess: () => {
      void message.success('课时已添加');
      form.resetFields();
      onDone();
    },
    onError: (e) => {
      applyServerErrors(form, e, ['title', 'kind', 'readingMinutes', 'passScore']);
      void message.error(errorMessage(e));
    },
  });
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'video', passScore: 60, questions: [] }} onFinish={(v) => add.mutate(v)}>
      <Space wrap align="start">
        <Form.Item name="title" label="课时名称" rules={[{ required: true, message: '请填写课时名称' }]}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select style={{ width: 100 }} options={LESSON_KINDS.map((k) => ({ value: k, label: LESSON_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind === 'document' ? (
          <Form.Item name="readingMinutes" label="阅读时长（分钟）" rules={[{ required: true, message: '请填写阅读时长' }]}>
            <InputNumber min={1} max={600} />
          </Form.Item>
        ) : null}
        <Form.Item name="passScore" label="及格分">
          <InputNumber min={1} max={100} />
        </Form.Item>
      </Space>
      <Form.List name="questions">
        {(fields, { add: addQuestion, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" title={`第 ${i + 1} 题`} style={{ marginBottom: 8 }} extra={<Button size="small" type="link" onClick={() => remove(f.name)}>删除</Button>}>
                <Form.Item name={[f.name, 'text']} label="题目" rules={[{ required: true, message: '请填写题目' }]}>
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, 'options']} label="选项（每行一个）" rules={[{ required: true, message: '请填写选项' }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name={[f.name, 'answer']} label="正确选项序号（多选用逗号分隔，如 1,3）" rules={[{ required: true, message: '请填写正确选项' }]}>
                  <Input style={{ width: 160 }} />
                </Form.Item>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => addQuestion({ text: '', options: '', answer: '' })} style={{ marginBottom: 12 }}>
              添加测验题
            </Button>
          </>
        )}
      </Form.List>
      <div>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          添加课时
        </Button>
      </div>
    </Form>
  );
}

function CourseDrawer({ courseId, onClose }: { courseId: number; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['study-course', courseId], queryFn: () => api.get<CourseDetail>(`/api/study/courses/${courseId}`) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['study-course', courseId] });
    void queryClient.invalidateQueries({ queryKey: ['study-manage'] });
  };
  const setStatus = useMutation({
    mutationFn: (action: 'publish' | 'withdraw') => api.post(`/api/study/courses/${courseId}/${action}`),
    onSuccess: () => {
      void message.success('已更新');
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const upload = async (lessonId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    try {
      await request('PUT', `/api/study/lessons/${lessonId}/media`, { body: form });
      void message.success('文件已上传');
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const c = detail.data;
  return (
    <Drawer open title={c?.title ?? '课程'} width={720} onClose={onClose}>
      {detail.isError ? <Alert type="error" showIcon title={errorMessage(detail.error)} /> : null}
      {c ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color={STATUS[c.status][0]}>{STATUS[c.status][1]}</Tag>
            {c.status === 'published' ? (
              <Button onClick={() => setStatus.mutate('withdraw')}>撤回</Button>
            ) : (
              <Button type="primary" onClick={() => setStatus.mutate('publish')}>
                发布
              </Button>
            )}
            <Link to={`/study/courses/${c.id}`}>预览</Link>
          </Space>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.lessons}
            columns={[
              { title: '序', dataIndex: 'sort', width: 40 },
              { title: '课时', dataIndex: 'title' },
              { title: '类型', dataIndex: 'kind', width: 60, render: (k: LessonKind) => LESSON_KIND_LABELS[k] },
              { title: '时长', dataIndex: 'durationSeconds', width: 90, render: (s: number) => (s ? minutesText(s) : '—') },
              {
                title: '文件',
                key: 'media',
                width: 130,
                render: (_v, l) =>
                  l.kind === 'quiz' ? (
                    '—'
                  ) : (
                    <Upload
                      accept={l.kind === 'video' ? 'video/mp4' : 'application/pdf'}
                      showUploadList={false}
                      disabled={c.status === 'published'}
                      beforeUpload={(file) => {
                        void upload(l.id, file);
                        return false;
                      }}
                    >
                      <Button size="small" icon={<UploadOutlined />} disabled={c.status === 'published'}>
                        {l.hasMedia ? '重新上传' : l.kind === 'video' ? '上传 MP4' : '上传 PDF'}
                      </Button>
                    </Upload>
                  ),
              },
            ]}
          />
          {c.status !== 'published' ? (
            <Card size="small" title="添加课时" style={{ marginTop: 16 }}>
              <LessonForm courseId={c.id} onDone={refresh} />
            </Card>
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              已发布的课程需先撤回才能修改课时。
            </Typography.Paragraph>
          )}
        </>
      ) : null}
    </Drawer>
  );
}

/** 课程管理 for bureaus: courses of the caller's region (the province: all), creating, lessons, publishing. */
export default function CourseManagePage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [form] = Form.useForm<CourseValues>();
  const list = useQuery({ queryKey: ['study-manage'], queryFn: () => api.get<Course[]>('/api/study/manage/courses') });
  const create = useMutation({
    mutationFn: (v: CourseValues) => api.post<{ id: number }>('/api/study/courses', { ...v, summary: v.summary ?? '', tags: v.tags ?? [] }),
    onSuccess: (r) => {
      void message.success('课程已创建，请添加课时');
      setCreating(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['study-manage'] });
      setOpenId(r.id);
    },
    onError: (e) => {
      applyServerErrors(form, e, ['title', 'summary', 'level', 'required', 'creditHours', 'tags']);
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
          { title: '状态', dataIndex: 'status', width: 90, render: (s: Course['status']) => <Tag color={STATUS[s][0]}>{STATUS[s][1]}</Tag> },
        ]}
      />
      <Modal open={creating} title="新建课程" onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="创建">
        <Form form={form} layout="vertical" initialValues={{ level: 'basic', required: false, creditHours: 1 }} onFinish={(v) => create.mutate(v)}>
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
        </Form>
      </Modal>
      {openId !== null ? <CourseDrawer courseId={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
