import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { CourseDetail } from '../../api/study-types';
import { QueryState } from '../../components/list/QueryState';
import { useIsMobile } from '../../components/use-is-mobile';
import { CourseEditModal } from './CourseEditModal';
import { CourseLessonsTable } from './CourseLessonsTable';
import { CourseStatusTag } from './CourseStatusTag';
import { LessonEditModal } from './LessonEditModal';
import { LessonForm } from './LessonForm';
import { queryKeys } from '../../api/query-keys';

/** One course being managed: publish or withdraw, its information, its lessons and 添加课时. */
export function CourseDrawer({ courseId, onClose }: { courseId: number; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const [editingCourse, setEditingCourse] = useState(false);
  const [editingLesson, setEditingLesson] = useState<number | null>(null);
  const detail = useQuery({ queryKey: queryKeys.study.course(courseId), queryFn: () => api.get<CourseDetail>(`/api/study/courses/${courseId}`) });
  /** Resolves once the course is fetched again, so a mutation that awaits it stays pending until the page shows the change. */
  const refresh = async (): Promise<void> => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.study.course(courseId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.study.manage }),
    ]);
  };
  const setStatus = useMutation({
    mutationFn: (action: 'publish' | 'withdraw') => api.post(`/api/study/courses/${courseId}/${action}`),
    onSuccess: () => {
      void message.success('已更新');
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Drawer open title={detail.data?.title ?? '课程'} size={isMobile ? '100%' : 760} onClose={onClose}>
      <QueryState query={detail} what="课程">
        {(c) => (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <CourseStatusTag status={c.status} />
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
            <CourseLessonsTable course={c} refresh={refresh} onEdit={setEditingLesson} />
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
            {editingLesson !== null ? (
              <LessonEditModal courseId={c.id} lessonId={editingLesson} onClose={() => setEditingLesson(null)} onSaved={refresh} />
            ) : null}
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
