import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, Pagination, Progress, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { COURSE_LEVEL_LABELS, COURSE_LEVELS, type CourseLevel } from '../../../domain/study-time';
import { api, errorMessage } from '../../api/client';
import type { Course } from '../../api/study-types';
import { PageHeader } from '../../components/PageHeader';
import { minutesText } from './study-format';
import './study.css';

function CourseCard({ course, showProgress }: { course: Course; showProgress?: boolean }) {
  const done = course.completedLessons ?? 0;
  return (
    <Card className="study-course-card" size="small" style={{ marginBottom: 12 }}>
      <Link to={`/study/courses/${course.id}`}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {course.title}
        </Typography.Text>
      </Link>
      <div className="study-course-meta">
        <Tag color={course.required ? 'red' : 'default'}>{course.required ? '必修' : '选修'}</Tag>
        <Tag color="blue">{COURSE_LEVEL_LABELS[course.level]}</Tag>
        <Typography.Text type="secondary">
          {course.creditHours} 学时 · {course.lessonCount} 个课时 · {minutesText(course.durationSeconds)} · {course.orgUnitName}
        </Typography.Text>
        {course.tags.map((t) => (
          <Tag key={t}>{t}</Tag>
        ))}
      </div>
      {course.summary ? (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
          {course.summary}
        </Typography.Paragraph>
      ) : null}
      {showProgress || done > 0 ? <Progress percent={course.lessonCount ? Math.round((done * 100) / course.lessonCount) : 0} size="small" format={() => `${done}/${course.lessonCount} 课时`} aria-label={`${course.title} 学习进度`} /> : null}
    </Card>
  );
}

function Catalogue() {
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<CourseLevel | undefined>();
  const [required, setRequired] = useState<'true' | 'false' | undefined>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['study-catalogue', q, level, required, page],
    queryFn: () => api.get<{ items: Course[]; total: number }>('/api/study/courses', { q: q || undefined, level, required, page, pageSize: 10 }),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="搜索课程名称、简介、标签"
          aria-label="搜索课程"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder="层级"
          aria-label="层级"
          style={{ width: 100 }}
          value={level}
          onChange={(v: CourseLevel | undefined) => {
            setLevel(v);
            setPage(1);
          }}
          options={COURSE_LEVELS.map((l) => ({ value: l, label: COURSE_LEVEL_LABELS[l] }))}
        />
        <Select
          allowClear
          placeholder="必修/选修"
          aria-label="必修或选修"
          style={{ width: 110 }}
          value={required}
          onChange={(v: 'true' | 'false' | undefined) => {
            setRequired(v);
            setPage(1);
          }}
          options={[
            { value: 'true', label: '必修' },
            { value: 'false', label: '选修' },
          ]}
        />
      </Space>
      {list.isPending ? <Spin /> : null}
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} /> : null}
      {list.data && list.data.items.length === 0 ? <Empty description={q ? '没有符合条件的课程' : '暂无课程'} /> : null}
      {list.data?.items.map((c) => (
        <CourseCard key={c.id} course={c} />
      ))}
      {list.data && list.data.total > 10 ? <Pagination size="small" current={page} total={list.data.total} pageSize={10} onChange={setPage} /> : null}
    </>
  );
}

function MyCourses() {
  const mine = useQuery({ queryKey: ['study-my-courses'], queryFn: () => api.get<Course[]>('/api/study/my/courses') });
  if (mine.isPending) return <Spin />;
  if (mine.isError) return <Alert type="error" showIcon title={errorMessage(mine.error)} />;
  if (mine.data.length === 0) return <Empty description="还没有开始学习的课程，请到课程目录选课" />;
  return (
    <>
      {mine.data.map((c) => (
        <CourseCard key={c.id} course={c} showProgress />
      ))}
    </>
  );
}

/** 在线自学: the course catalogue (province-wide and the officer's city) and the officer's own courses. */
export default function StudyCataloguePage() {
  return (
    <div className="page">
      <PageHeader title="在线自学" description="每年在线自学等学时累计不少于年度目标；学习时长由服务器计时，完成课时测验后计入年度学时账户。" extra={<Link to="/study/account">我的学时账户</Link>} />
      <Tabs
        items={[
          { key: 'catalogue', label: '课程目录', children: <Catalogue /> },
          { key: 'mine', label: '我的课程', children: <MyCourses /> },
        ]}
      />
    </div>
  );
}
