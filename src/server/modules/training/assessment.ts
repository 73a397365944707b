import { checkScoreEntry } from '../../../domain/training';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { AppError, invalid, stateError } from '../../errors';
import { classFor } from './access';
import { num } from './records';
import { parseScoreCell, type ScoreFileRow } from './score-import';
import { assertClassOver } from './timing';

/** Assessment: scores and make-up scores, typed in or imported from the class's Excel score template. */
export class TrainingAssessment {
  constructor(private readonly db: Database) {}

  async saveScores(
    caller: SessionAccount,
    actor: Actor,
    classId: number,
    entries: { enrolmentId: number; score?: number | null | undefined; makeupScore?: number | null | undefined }[],
  ) {
    return this.db.transaction().execute(async (trx) => {
      const c = await classFor(trx, caller, classId, 'deliver', null, true);
      if (c.status === 'cancelled') throw stateError('该培训班已取消，不能录入成绩');
      await assertClassOver(trx, classId, 'scores');
      const rows = await trx
        .selectFrom('training_enrolments')
        .select(['id', 'status', 'score'])
        .where('class_id', '=', classId)
        .where(
          'id',
          'in',
          entries.map((x) => x.enrolmentId),
        )
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      let changed = 0;
      for (const [i, entry] of entries.entries()) {
        const row = byId.get(entry.enrolmentId);
        const problem = checkScoreEntry(row && { status: row.status, score: num(row.score) }, entry, c.pass_mark)[0];
        if (problem) throw invalid(`entries.${String(i)}.${problem.field}`, `第 ${String(i + 1)} 行：${problem.reason}`);
        const set: { score?: number | null; makeup_score?: number | null; updated_at: Date } = { updated_at: clock.now() };
        if (entry.score !== undefined) set.score = entry.score;
        if (entry.makeupScore !== undefined) set.makeup_score = entry.makeupScore;
        await trx.updateTable('training_enrolments').set(set).where('id', '=', entry.enrolmentId).execute();
        changed += 1;
      }
      await recordAudit(trx, actor, { action: 'training.scores.save', targetType: 'training_class', targetId: classId, details: { count: changed } });
      return { saved: changed };
    });
  }

  /** The enrolled learners of a class with their scores, for the Excel score template. */
  async scoreSheetRows(caller: SessionAccount, classId: number) {
    const c = await classFor(this.db, caller, classId, 'deliver');
    const rows = await this.db
      .selectFrom('training_enrolments as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .leftJoin('enterprises as ent', 'ent.id', 'e.enterprise_id')
      .select(['e.id', 'p.name', 'ent.name as enterpriseName', 'e.score', 'e.makeup_score'])
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
    return { c, rows: rows.map((r) => ({ id: r.id, name: r.name, enterpriseName: r.enterpriseName, score: num(r.score), makeupScore: num(r.makeup_score) })) };
  }

  /**
   * Imports an uploaded score file: the class first, so a caller outside its scope learns nothing from the file
   * checks (403/404 before 400); then `readUpload` reads the file and the rows go to `importScores`.
   */
  async importUpload(caller: SessionAccount, actor: Actor, classId: number, readUpload: () => Promise<{ fileName: string; rows: readonly ScoreFileRow[] }>) {
    await classFor(this.db, caller, classId, 'deliver');
    await assertClassOver(this.db, classId, 'scores');
    const { fileName, rows } = await readUpload();
    return await this.importScores(caller, actor, classId, fileName, rows);
  }

  /**
   * Records the scores of an Excel score file (rows read by `readScoreFile`): every row is checked with the
   * rules of `saveScores` (one rule, `checkScoreEntry`); all rows are applied in one transaction, or, when any
   * row is bad, nothing is and the answer lists every bad row as `rows.<row number>.<field>`.
   */
  async importScores(caller: SessionAccount, actor: Actor, classId: number, fileName: string, rows: readonly ScoreFileRow[]) {
    return this.db.transaction().execute(async (trx) => {
      const c = await classFor(trx, caller, classId, 'deliver', null, true);
      if (c.status === 'cancelled') throw stateError('该培训班已取消，不能导入成绩');
      await assertClassOver(trx, classId, 'scores');
      const enrolments = await trx
        .selectFrom('training_enrolments as e')
        .innerJoin('persons as p', 'p.id', 'e.person_id')
        .select(['e.id', 'e.status', 'e.score', 'e.makeup_score', 'p.name'])
        .where('e.class_id', '=', classId)
        .execute();
      const byId = new Map(enrolments.map((e) => [e.id, e]));
      const problems: { path: string; message: string }[] = [];
      const bad = (row: ScoreFileRow, field: string, reason: string) => problems.push({ path: `rows.${String(row.rowNumber)}.${field}`, message: reason });
      const seen = new Map<number, number>();
      const entries: { enrolmentId: number; score: number | null; makeupScore: number | null }[] = [];
      for (const row of rows) {
        if (row.key === '') {
          bad(row, 'enrolmentId', '缺少报名编号');
          continue;
        }
        const id = /^\d{1,9}$/.test(row.key) ? Number(row.key) : null;
        const enrolment = id === null ? undefined : byId.get(id);
        if (id === null || !enrolment) {
          bad(row, 'enrolmentId', `报名编号“${row.key.slice(0, 20)}”不是本班的报名`);
          continue;
        }
        const first = seen.get(enrolment.id);
        if (first !== undefined) {
          bad(row, 'enrolmentId', `与第 ${String(first)} 行的报名编号重复`);
          continue;
        }
        seen.set(enrolment.id, row.rowNumber);
        if (row.name !== '' && row.name !== enrolment.name) bad(row, 'name', '姓名与报名编号不符，请勿修改报名编号或调整行序');
        const score = parseScoreCell(row.score);
        const makeup = parseScoreCell(row.makeupScore);
        if (!score.ok) bad(row, 'score', score.reason);
        if (!makeup.ok) bad(row, 'makeupScore', makeup.reason);
        // a cell that is not a number leaves the rules that depend on it unchecked, the others still run
        const found = checkScoreEntry(
          { status: enrolment.status, score: num(enrolment.score) },
          { score: score.ok ? score.value : undefined, makeupScore: score.ok && makeup.ok ? makeup.value : undefined },
          c.pass_mark,
        );
        for (const p of found) bad(row, p.field, p.reason);
        if (score.ok && makeup.ok && found.length === 0) entries.push({ enrolmentId: enrolment.id, score: score.value, makeupScore: makeup.value });
      }
      if (problems.length > 0) {
        const badRows = [...new Set(problems.map((p) => Number(p.path.split('.')[1])))];
        throw new AppError(
          400,
          'VALIDATION',
          `成绩未导入：${String(badRows.length)} 行有误（第 ${badRows.slice(0, 10).join('、')}${badRows.length > 10 ? ' 等' : ''} 行），请修改后重新导入`,
          problems,
        );
      }
      let changed = 0;
      const now = clock.now();
      for (const e of entries) {
        const before = byId.get(e.enrolmentId);
        if (before && num(before.score) === e.score && num(before.makeup_score) === e.makeupScore) continue;
        await trx
          .updateTable('training_enrolments')
          .set({ score: e.score, makeup_score: e.makeupScore, updated_at: now })
          .where('id', '=', e.enrolmentId)
          .execute();
        changed += 1;
      }
      await recordAudit(trx, actor, {
        action: 'training.scores.import',
        targetType: 'training_class',
        targetId: classId,
        details: { fileName, rows: entries.length, changed },
      });
      return { imported: entries.length, changed };
    });
  }
}
