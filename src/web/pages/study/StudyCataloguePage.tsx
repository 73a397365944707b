import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Pagination, Progress, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { COURSE_LEVEL_LABELS, COURSE_LEVELS, type CourseLevel } from '../../../domain/study-time';
import { api } from '../../api/client';
import type { Course } from '../../api/study-types';
import { FilterSelect } from '../../components/FilterField';
import { FilterBar } from '../../components/list/FilterBar';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { minutesText } from './study-format';
import './study.css';
import type { Page } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

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
      {showProgress || done > 0 ? (
        <Progress
          percent={course.lessonCount ? Math.round((done * 100) / course.lessonCount) : 0}
          size="small"
          format={() => `${done}/${course.lessonCount} 课时`}
          aria-label={`${course.title} 学习进度`}
        />
      ) : null}
    </Card>
  );
}

const PAGE_SIZE = 10;

/** The course catalogue: keyword, level and 必修/选修 and the page in the address bar. */
function Catalogue() {
  const url = useUrlFilters(['q', 'level', 'required'] as const);
  const f = url.filters;
  const level = COURSE_LEVELS.find((l) => l === f.level);
  const required = f.required === 'true' || f.required === 'false' ? f.required : undefined;
  const page = url.page;
  const q = f.q;
  const list = useQuery({
    queryKey: queryKeys.study.catalogue({ q, level, required }, page),
    queryFn: () => api.get<Page<Course>>('/api/study/courses', { q: q || undefined, level, required, page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <FilterBar anyFilter={url.anyFilter} onReset={url.reset}>
        <UrlKeyword value={q} placeholder="搜索课程名称、简介、标签" onApply={(v) => url.update({ q: v })} />
        <FilterSelect<CourseLevel>
          label="层级"
          placeholder="全部层级"
          value={level}
          onChange={(v) => url.update({ level: v })}
          options={COURSE_LEVELS.map((l) => ({ value: l, label: COURSE_LEVEL_LABELS[l] }))}
        />
        <FilterSelect<'true' | 'false'>
          label="必修/选修"
          placeholder="全部"
          value={required}
          onChange={(v) => url.update({ required: v })}
          options={[
            { value: 'true', label: '必修' },
            { value: 'false', label: '选修' },
          ]}
        />
      </FilterBar>
      <QueryState query={list} what="课程目录" empty={q ? `没有找到与“${q}”相关的课程` : url.anyFilter ? '没有符合条件的课程' : '暂无课程'}>
        {(data) => (
          <>
            {data.items.map((c) => (
              <CourseCard key={c.id} course={c} />
            ))}
            {data.total > PAGE_SIZE ? (
              <Pagination
                align="center"
                size="small"
                current={page}
                total={data.total}
                pageSize={PAGE_SIZE}
                showSizeChanger={false}
                showTotal={(n) => `共 ${n} 门`}
                onChange={(p) => url.update({ page: p }, true)}
              />
            ) : null}
          </>
        )}
      </QueryState>
    </>
  );
}

function MyCourses() {
  const mine = useQuery({ queryKey: queryKeys.study.myCourses, queryFn: () => api.get<Course[]>('/api/study/my/courses') });
  return (
    <QueryState query={mine} what="我的课程" empty="还没有开始学习的课程，请到课程目录选课">
      {(courses) => (
        <>
          {courses.map((c) => (
            <CourseCard key={c.id} course={c} showProgress />
          ))}
        </>
      )}
    </QueryState>
  );
}

/** 在线自学: the course catalogue (province-wide and the officer's city) and the officer's own courses. */
export default function StudyCataloguePage() {
  return (
    <div className="page">
      <PageHeader
        title="在线自学"
        description="每年在线自学等学时累计不少于年度目标；学习时长由服务器计时，完成课时测验后计入年度学时账户。"
        extra={<Link to="/study/account">我的学时账户</Link>}
      />
      <Tabs
        items={[
          { key: 'catalogue', label: '课程目录', children: <Catalogue /> },
          { key: 'mine', label: '我的课程', children: <MyCourses /> },
        ]}
      />
    </div>
  );
}
