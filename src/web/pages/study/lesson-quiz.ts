import type { LessonKind } from '../../../domain/study-time';
import type { LessonForEdit } from '../../api/study-types';

/** The lesson form's values: the quiz's options one per line, its answers as 1-based numbers. */
export interface LessonValues {
  title: string;
  kind: LessonKind;
  readingMinutes?: number;
  passScore?: number;
  questions?: { text: string; options: string; answer: string }[];
}

/** The form's quiz (options one per line, answers as 1-based numbers) as the API wants it. */
export function toQuiz(v: LessonValues) {
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
export function toLessonValues(l: LessonForEdit): LessonValues {
  return {
    title: l.title,
    kind: l.kind,
    readingMinutes: l.readingMinutes ?? undefined,
    passScore: l.quiz?.passScore ?? 60,
    questions: (l.quiz?.questions ?? []).map((q) => ({ text: q.text, options: q.options.join('\n'), answer: q.answer.map((a) => a + 1).join(',') })),
  };
}
