import { Tag } from 'antd';
import type { Course } from '../../api/study-types';

const STATUS = { draft: ['default', '草稿'], published: ['success', '已发布'], withdrawn: ['warning', '已撤回'] } as const;

/** A course's 草稿 / 已发布 / 已撤回. */
export function CourseStatusTag({ status }: { status: Course['status'] }) {
  return <Tag color={STATUS[status][0]}>{STATUS[status][1]}</Tag>;
}
