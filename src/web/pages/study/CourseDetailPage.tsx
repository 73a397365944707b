import { CheckCircleTwoTone, FilePdfOutlined, FormOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Progress, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { COURSE_LEVEL_LABELS, LESSON_KIND_LABELS } from '../../../domain/study-time';
import { api } from '../../api/client';
import type { CourseDetail, Lesson } from '../../api/study-types';
import { useSession } from '../../auth/session';
import { RecordPending } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { minutesText } from './study-format';
import './study.css';
import { queryKeys } from '../../api/query-keys';

const KIND_ICONS = { video: <PlayCircleOutlined />, document: <FilePdfOutlined />, quiz: <FormOutlined /> };

function LessonRow({ lesson, canStudy }: { lesson: Lesson; canStudy: boolean }) {
  const pct = lesson.durationSeconds ? Math.min(100, Math.round((lesson.creditedSeconds * 100) / lesson.durationSeconds)) : 0;
  return (
    <div className="study-lesson-item">
      <div style={{ minWidth: 0, flex: 1 }}>
        <div>
          {lesson.status === 'completed' ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : KIND_ICONS[lesson.kind]}{' '}
          <Typography.Text strong>{lesson.title}</Typography.Text>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {LESSON_KIND_LABELS[lesson.kind]}
          {lesson.durationSeconds ? ` · ${minutesText(lesson.durationSeconds)}` : ''}
          {lesson.hasQuiz ? ' · 含测验' : ''}
          {lesson.status !== 'not_started' && lesson.durationSeconds ? ` · 已计时 ${minutesText(lesson.creditedSeconds)}` : ''}
          {lesson.bestScore !== null ? ` · 最高 ${lesson.bestScore} 分` : ''}
        </Typography.Text>
        {lesson.status === 'in_progress' && lesson.durationSeconds ? (
          <Progress percent={pct} size="small" showInfo={false} aria-label={`${lesson.title} 学习进度`} />
        ) : null}
      </div>
      {canStudy ? (
        <Link to={`/study/lessons/${lesson.id}`}>
          <Button type={lesson.status === 'completed' ? 'default' : 'primary'} size="small">
            {lesson.status === 'completed' ? '复习' : lesson.status === 'in_progress' ? '继续学习' : '开始学习'}
          </Button>
        </Link>
      ) : (
        <Tag>{lesson.hasMedia || lesson.kind === 'quiz' ? '已就绪' : '未上传文件'}</Tag>
      )}
    </div>
  );
}

/** A course: its lessons with the officer's progress (a bureau sees the same page as a preview). */
export default function CourseDetailPage() {
  const id = Number(useParams().id);
  const { hasPermission } = useSession();
  const course = useQuery({ queryKey: queryKeys.study.course(id), queryFn: () => api.get<CourseDetail>(`/api/study/courses/${id}`) });
  if (!course.data) return <RecordPending query={course} what="课程" />;
  const c = course.data;
  const canStudy = hasPermission('study:learn');
  return (
    <div className="page">
      <PageHeader
        title={c.title}
        description={`${COURSE_LEVEL_LABELS[c.level]} · ${c.required ? '必修' : '选修'} · ${c.creditHours} 学时 · ${c.orgUnitName}`}
        back={canStudy ? { title: '在线自学', to: '/study' } : { title: '课程管理', to: '/study/manage' }}
      />
      {c.summary ? <Typography.Paragraph>{c.summary}</Typography.Paragraph> : null}
      <Card size="small" title={`课时（已完成 ${c.completedLessons ?? 0}/${c.lessonCount}）`}>
        {c.lessons.map((l) => (
          <LessonRow key={l.id} lesson={l} canStudy={canStudy} />
        ))}
      </Card>
    </div>
  );
}
