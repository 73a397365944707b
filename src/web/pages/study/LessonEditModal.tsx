import { useQuery } from '@tanstack/react-query';
import { Modal } from 'antd';
import { api } from '../../api/client';
import type { LessonForEdit } from '../../api/study-types';
import { QueryState } from '../../components/list/QueryState';
import { LessonForm } from './LessonForm';
import { queryKeys } from '../../api/query-keys';

/** Edits one lesson: loads it with its quiz answers and what may still change. */
export function LessonEditModal({ courseId, lessonId, onClose, onSaved }: { courseId: number; lessonId: number; onClose: () => void; onSaved: () => void }) {
  const lesson = useQuery({
    queryKey: queryKeys.study.lessonEdit(lessonId),
    queryFn: () => api.get<LessonForEdit>(`/api/study/manage/lessons/${lessonId}`),
    gcTime: 0,
  });
  return (
    <Modal open title={lesson.data ? `修改课时：${lesson.data.title}` : '修改课时'} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <QueryState query={lesson} what="课时">
        {(l) => (
          <LessonForm
            courseId={courseId}
            lesson={l}
            onDone={() => {
              onSaved();
              onClose();
            }}
          />
        )}
      </QueryState>
    </Modal>
  );
}
