import { sql } from 'kysely';
import { ancestorOf } from '../../auth/scope';

/** Courses an officer in `regionPath` may take: published, by the province or by a bureau above the officer's region. */
export const visibleTo = (regionPath: string) => sql<boolean>`(c.status = 'published' and ${ancestorOf('o.path', regionPath)})`;

export const courseColumns = [
  'c.id',
  'c.version',
  'c.title',
  'c.summary',
  'c.level',
  'c.required',
  'c.credit_hours',
  'c.tags',
  'c.status',
  'c.published_at',
  'o.name as orgUnitName',
  sql<number>`(select count(*) from lessons l where l.course_id = c.id)::int`.as('lessonCount'),
  sql<number>`(select coalesce(sum(l.duration_seconds), 0) from lessons l where l.course_id = c.id)::int`.as('durationSeconds'),
] as const;

export type CourseRow = {
  id: number;
  version: number;
  title: string;
  summary: string;
  level: 'basic' | 'enhanced' | 'advanced';
  required: boolean;
  credit_hours: number;
  tags: string[];
  status: 'draft' | 'published' | 'withdrawn';
  published_at: Date | null;
  orgUnitName: string;
  lessonCount: number;
  durationSeconds: number;
};

export const toCourse = (r: CourseRow) => ({
  id: r.id,
  version: r.version,
  title: r.title,
  summary: r.summary,
  level: r.level,
  required: r.required,
  creditHours: r.credit_hours,
  tags: r.tags,
  status: r.status,
  orgUnitName: r.orgUnitName,
  lessonCount: Number(r.lessonCount),
  durationSeconds: Number(r.durationSeconds),
  publishedAt: r.published_at,
});
