import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Spin, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { COURSE_LEVEL_LABELS, COURSE_LEVELS, LESSON_KIND_LABELS, LESSON_KINDS, type CourseLevel, type LessonKind } from '../../../domain/study-time';
import { api, errorMessage, request } from '../../api/client';
import type { Course, CourseDetail, Lesson, LessonForEdit } from '../../api/study-types';
import { applyServerErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
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

/** A stored lesson as the form's values (the inverse of `toQuiz`). */
function toValues(l: LessonForEdit): LessonValues {
  return {
    title: l.title,
    kind: l.kind,
    readingMinutes: l.readingMinutes ?? undefined,
    passScore: l.quiz?.passScore ?? 60,
    questions: (l.quiz?.questions ?? []).map((q) => ({ text: q.text, options: q.options.join('\n'), answer: q.answer.map((a) => a + 1).join(',') })),
  };
}

/**
 * The lesson form: adds a lesson to a course, or (with `lesson`) edits one. An edit never changes the kind; when the
 * lesson is locked (course published or officers have opened it) only the title and the wording of the quiz may change.
 */
function LessonForm({ courseId, lesson, onDone }: { courseId: number; lesson?: LessonForEdit; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<LessonValues>();
  const kind = Form.useWatch('kind', form);
  const locked = lesson?.lockedBecause != null;
  const add = useMutation({
    mutationFn: (v: LessonValues) => {
      const body = { title: v.title, kind: v.kind, readingMinutes: v.kind === 'document' ? v.readingMinutes : undefined, quiz: toQuiz(v) };
      return lesson ? api.put<unknown>(`/api/study/lessons/${lesson.id}`, body) : api.post<unknown>(`/api/study/courses/${courseId}/lessons`, body);
    },
    onSuccess: () => {
      void message.success(lesson ? '课时已保存' : '课时已添加');
      if (!lesson) form.resetFields();
      onDone();
    },
    onError: (e) => {
      applyServerErrors(form, e, ['title', 'kind', 'readingMinutes', 'passScore']);
      void message.error(errorMessage(e));
    },
  });
  return (
    <Form
      form={form}
      name={lesson ? `lesson-${lesson.id}` : `lesson-new-${courseId}`}
      layout="vertical"
      initialValues={lesson ? toValues(lesson) : { kind: 'video', passScore: 60, questions: [] }} onFinish={(v) => add.mutate(v)}>
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

/** The fields of a course, shared by the create and the edit dialogs. */
function CourseFields() {
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

const COURSE_FIELDS = ['title', 'summary', 'level', 'required', 'creditHours', 'tags'];
const courseBody = (v: CourseValues) => ({ ...v, summary: v.summary ?? '', tags: v.tags ?? [] });

function CourseEditModal({ course, onClose, onSaved }: { course: CourseDetail; onClose: () => void; onSaved: () => void }) {
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

/** Edits one lesson: loads it with its quiz answers and what may still change. */
function LessonEditModal({ courseId, lessonId, onClose, onSaved }: { courseId: number; lessonId: number; onClose: () => void; onSaved: () => void }) {
  const lesson = useQuery({ queryKey: ['study-lesson-edit', lessonId], queryFn: () => api.get<LessonForEdit>(`/api/study/manage/lessons/${lessonId}`), gcTime: 0 });
  return (
    <Modal open title={lesson.data ? `修改课时：${lesson.data.title}` : '修改课时'} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {lesson.isError ? <Alert type="error" showIcon title={errorMessage(lesson.error)} /> : null}
      {lesson.isPending ? <Spin /> : null}
      {lesson.data ? (
        <LessonForm
          courseId={courseId}
          lesson={lesson.data}
          onDone={() => {
            onSaved();
            onClose();
          }}
        />
      ) : null}
    </Modal>
  );
}

function CourseDrawer({ courseId, onClose }: { courseId: number; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const [editingCourse, setEditingCourse] = useState(false);
  const [editingLesson, setEditingLesson] = useState<number | null>(null);
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
  const reorder = useMutation({
    mutationFn: (lessonIds: number[]) => api.put(`/api/study/courses/${courseId}/lesson-order`, { lessonIds }),
    onSuccess: () => {
      void message.success('课时顺序已调整');
      refresh();
    },
    onError: (e) => {
      void message.error(errorMessage(e));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (lessonId: number) => api.delete(`/api/study/lessons/${lessonId}`),
    onSuccess: () => {
      void message.success('课时已删除');
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
  /** The lesson ids with the one at `index` moved by `by` places. */
  const moved = (index: number, by: -1 | 1): number[] => {
    const ids = (c?.lessons ?? []).map((l) => l.id);
    const [id] = ids.splice(index, 1);
    if (id !== undefined) ids.splice(index + by, 0, id);
    return ids;
  };
  /** The upload button of a video or document lesson (a file cannot change once the course is published). */
  const mediaCell = (l: Lesson) =>
    l.kind === 'quiz' || !c ? (
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
    );
  /** Edit, and delete while the course is not published and nobody has opened the lesson. */
  const actionsCell = (l: Lesson) => (
    <Space size={4}>
      <Button size="small" icon={<EditOutlined />} aria-label={`修改 ${l.title}`} onClick={() => setEditingLesson(l.id)} />
      {c && c.status !== 'published' && !l.learners ? (
        <Popconfirm title={`删除课时「${l.title}」？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(l.id)}>
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${l.title}`} />
        </Popconfirm>
      ) : null}
    </Space>
  );
  return (
    <Drawer open title={c?.title ?? '课程'} size={isMobile ? '100%' : 760} onClose={onClose}>
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
            <Button icon={<EditOutlined />} onClick={() => setEditingCourse(true)}>
              修改课程信息
            </Button>
            <Link to={`/study/courses/${c.id}`}>预览</Link>
          </Space>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.lessons}
            columns={[
              {
                title: '顺序',
                key: 'sort',
                width: 96,
                render: (_v, l, i) => (
                  <Space size={4}>
                    <span style={{ display: 'inline-block', minWidth: 16 }}>{l.sort}</span>
                    <Button size="small" icon={<ArrowUpOutlined />} aria-label={`上移 ${l.title}`} disabled={i === 0 || reorder.isPending} onClick={() => reorder.mutate(moved(i, -1))} />
                    <Button size="small" icon={<ArrowDownOutlined />} aria-label={`下移 ${l.title}`} disabled={i === c.lessons.length - 1 || reorder.isPending} onClick={() => reorder.mutate(moved(i, 1))} />
                  </Space>
                ),
              },
              {
                title: '课时',
                dataIndex: 'title',
                render: (t: string, l) => (
                  <div>
                    <div>{t}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {LESSON_KIND_LABELS[l.kind]}
                      {l.durationSeconds ? ` · ${minutesText(l.durationSeconds)}` : ''}
                      {l.hasQuiz ? ' · 含测验' : ''}
                      {l.learners ? ` · ${l.learners} 人学习` : ''}
                    </Typography.Text>
                    {isMobile ? (
                      <div style={{ marginTop: 6 }}>
                        <Space size={4} wrap>
                          {l.kind === 'quiz' ? null : mediaCell(l)}
                          {actionsCell(l)}
                        </Space>
                      </div>
                    ) : null}
                  </div>
                ),
              },
              ...(isMobile
                ? []
                : [
                    { title: '文件', key: 'media', width: 118, render: (_v: unknown, l: Lesson) => mediaCell(l) },
                    { title: '操作', key: 'actions', width: 96, render: (_v: unknown, l: Lesson) => actionsCell(l) },
                  ]),
            ]}
          />
          {c.status !== 'published' ? (
            <Card size="small" title="添加课时" style={{ marginTop: 16 }}>
              <LessonForm courseId={c.id} onDone={refresh} />
            </Card>
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              已发布的课程可以调整课时顺序、修改课时名称和测验文字；添加、删除课时或更换文件需先撤回。
            </Typography.Paragraph>
          )}
          {editingCourse ? <CourseEditModal course={c} onClose={() => setEditingCourse(false)} onSaved={refresh} /> : null}
          {editingLesson !== null ? <LessonEditModal courseId={c.id} lessonId={editingLesson} onClose={() => setEditingLesson(null)} onSaved={refresh} /> : null}
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
          { title: '状态', dataIndex: 'status', width: 90, render: (s: Course['status']) => <Tag color={STATUS[s][0]}>{STATUS[s][1]}</Tag> },
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
