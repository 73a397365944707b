import { quizScore, type QuizQuestion } from '../../../domain/training';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { conflict, forbidden, invalid, stateError } from '../../errors';
import { classFor } from './access';
import type { Db } from './records';
import type { SurveyInput } from '../../../contract/training-input';
import { findPersonOfAccount } from '../../persons/repository';

/** The learner's own forms: the pre-class quiz and the effect-evaluation survey (效果评估), once per class. */
export class TrainingSurvey {
  constructor(private readonly db: Database) {}

  private async ownEnrolment(trx: Db, caller: SessionAccount, classId: number) {
    if (caller.role !== 'officer') throw forbidden('效果评估问卷由参训学员本人填写');
    const personId = (await findPersonOfAccount(trx, caller.accountId))?.id ?? null;
    const c = await classFor(trx, caller, classId, 'read', personId);
    const e =
      personId === null
        ? undefined
        : await trx.selectFrom('training_enrolments').selectAll().where('class_id', '=', classId).where('person_id', '=', personId).executeTakeFirst();
    if (!e || e.status !== 'enrolled') throw stateError('只有本班正式报名学员可以填写');
    return { c, e };
  }

  async submitPreQuiz(caller: SessionAccount, actor: Actor, classId: number, answers: number[]) {
    return this.db.transaction().execute(async (trx) => {
      const { c, e } = await this.ownEnrolment(trx, caller, classId);
      const quiz = (c.quiz ?? []) as QuizQuestion[];
      if (quiz.length === 0) throw stateError('本班未设置知识测验');
      if (e.pre_quiz_score !== null) throw conflict('已完成课前测验');
      if (answers.length !== quiz.length) throw invalid('answers', '请回答全部测验题');
      const score = quizScore(quiz, answers);
      await trx.updateTable('training_enrolments').set({ pre_quiz_score: score, updated_at: clock.now() }).where('id', '=', e.id).execute();
      await recordAudit(trx, actor, { action: 'training.quiz.pre', targetType: 'training_enrolment', targetId: e.id, details: { score } });
      return { score };
    });
  }

  async submitSurvey(caller: SessionAccount, actor: Actor, classId: number, input: SurveyInput) {
    return this.db.transaction().execute(async (trx) => {
      const { c, e } = await this.ownEnrolment(trx, caller, classId);
      const first = await trx
        .selectFrom('training_sessions')
        .select((eb) => eb.fn.min('starts_at').as('s'))
        .where('class_id', '=', classId)
        .executeTakeFirstOrThrow();
      const signedIn = await trx
        .selectFrom('training_attendance')
        .select('id')
        .where('enrolment_id', '=', e.id)
        .where('status', '!=', 'absent')
        .executeTakeFirst();
      if (!signedIn && first.s && new Date(first.s as Date).getTime() > clock.nowMs()) throw stateError('签到参训或培训开始后方可填写效果评估');
      const done = await trx.selectFrom('training_survey_responses').select('id').where('enrolment_id', '=', e.id).executeTakeFirst();
      if (done) throw conflict('已提交过本班的效果评估');
      const instructorIds = new Set(
        (await trx.selectFrom('training_class_instructors').select('instructor_id').where('class_id', '=', classId).execute()).map((r) =>
          String(r.instructor_id),
        ),
      );
      for (const key of Object.keys(input.instructorRatings)) if (!instructorIds.has(key)) throw invalid(`instructorRatings.${key}`, '只能评价本班授课讲师');
      const quiz = (c.quiz ?? []) as QuizQuestion[];
      let postScore: number | null = null;
      if (quiz.length > 0 && input.quizAnswers !== undefined) {
        if (input.quizAnswers.length !== quiz.length) throw invalid('quizAnswers', '请回答全部测验题');
        postScore = quizScore(quiz, input.quizAnswers);
      }
      const row = await trx
        .insertInto('training_survey_responses')
        .values({
          class_id: classId,
          enrolment_id: e.id,
          ratings: JSON.stringify(input.ratings),
          instructor_ratings: JSON.stringify(input.instructorRatings),
          comment: input.comment ?? null,
          post_quiz_score: postScore,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'training.survey.submit', targetType: 'training_class', targetId: classId, details: { responseId: row.id } });
      return { id: row.id, postQuizScore: postScore };
    });
  }
}
