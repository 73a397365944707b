import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { LESSON_KIND_LABELS } from '../../../domain/study-time';
import { api, errorMessage, request } from '../../api/client';
import type { CourseDetail, Lesson } from '../../api/study-types';
import { useConfirmAction } from '../../components/confirm-action';
import { useIsMobile } from '../../components/use-is-mobile';
import { minutesText } from './study-format';

/** A course's lessons: their order (上移/下移), file upload, edit and delete. */
export function CourseLessonsTable({ course: c, refresh, onEdit }: { course: CourseDetail; refresh: () => Promise<void>; onEdit: (lessonId: number) => void }) {
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const reorder = useMutation({
    mutationFn: (lessonIds: number[]) => api.put(`/api/study/courses/${c.id}/lesson-order`, { lessonIds }),
    // the order sent is the one on screen: the buttons stay disabled until the new order is fetched and shown,
    // so a quick second click cannot send the order from before the first
    onSuccess: async () => {
      void message.success('课时顺序已调整');
      await refresh();
    },
    onError: async (e) => {
      void message.error(errorMessage(e));
      await refresh();
    },
  });
  const { run } = useConfirmAction();
  const remove = (lessonId: number) => run({ action: () => api.delete(`/api/study/lessons/${lessonId}`), success: '课时已删除', onDone: refresh });
  const upload = async (lessonId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    try {
      await request('PUT', `/api/study/lessons/${lessonId}/media`, { body: form });
      void message.success('文件已上传');
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  /** The lesson ids with the one at `index` moved by `by` places. */
  const moved = (index: number, by: -1 | 1): number[] => {
    const ids = c.lessons.map((l) => l.id);
    const [id] = ids.splice(index, 1);
    if (id !== undefined) ids.splice(index + by, 0, id);
    return ids;
  };
  /** The upload button of a video or document lesson (a file cannot change once the course is published). */
  const mediaCell = (l: Lesson) =>
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
    );
  /** Edit, and delete while the course is not published and nobody has opened the lesson. */
  const actionsCell = (l: Lesson) => (
    <Space size={4}>
      <Button size="small" icon={<EditOutlined />} aria-label={`修改 ${l.title}`} onClick={() => onEdit(l.id)} />
      {c.status !== 'published' && !l.learners ? (
        <Popconfirm title={`删除课时「${l.title}」？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove(l.id)}>
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${l.title}`} />
        </Popconfirm>
      ) : null}
    </Space>
  );
  return (
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
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={`上移 ${l.title}`}
                disabled={i === 0 || reorder.isPending}
                onClick={() => reorder.mutate(moved(i, -1))}
              />
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={`下移 ${l.title}`}
                disabled={i === c.lessons.length - 1 || reorder.isPending}
                onClick={() => reorder.mutate(moved(i, 1))}
              />
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
  );
}
