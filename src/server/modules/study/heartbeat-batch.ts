import type DataLoader from 'dataloader';
import { sql } from 'kysely';
import type { StudySessionState } from '../../../domain/study-time';
import type { Database } from '../../db/database';
import { turnBatcher } from '../../db/turn-batcher';

/** A study session as a heartbeat needs it, with whether it still holds its person's lease. */
export interface BeatSessionRow {
  id: number;
  account_id: number;
  person_id: number | null;
  kind: StudySessionState['kind'];
  duration_seconds: number;
  credited_before: number;
  credited_seconds: number;
  last_beat_at: Date;
  last_seq: number;
  last_position: number;
  lesson_completed: boolean;
  holds: boolean;
}

/** The state an accepted heartbeat writes, guarded by the state it was computed from. */
export interface BeatWrite {
  sessionId: number;
  creditedSeconds: number;
  lastBeatAtMs: number;
  lastSeq: number;
  lastPosition: number;
  /** Written only if the row still has this sequence number and completion flag (and the session the lease). */
  readSeq: number;
  readCompleted: boolean;
}

/**
 * Heartbeats arrive by the thousand per second, each a read and a guarded write of one study session. The reads
 * (and the writes) of many beats go to the database as one statement (`turnBatcher`), so a beat costs a fraction
 * of a round trip and of a commit under load and nothing extra when it is quiet. Every write keeps its own guard: of two writes to one session in one
 * statement at most one passes, exactly as when they were separate statements. Nothing is cached between turns,
 * so app nodes stay stateless.
 */
export class HeartbeatBatches {
  private readonly reads: DataLoader<number, BeatSessionRow | null>;
  private readonly writes: DataLoader<BeatWrite, boolean>;

  constructor(db: Database) {
    this.reads = turnBatcher(async (ids: readonly number[]) => {
      const rows = await db
        .selectFrom('study_sessions as s')
        .leftJoin('study_leases as l', 'l.session_id', 's.id')
        .modifyFront(sql`/* prepared:heartbeat-read */`)
        .select([
          's.id',
          's.account_id',
          's.person_id',
          's.kind',
          's.duration_seconds',
          's.credited_before',
          's.credited_seconds',
          's.last_beat_at',
          's.last_seq',
          's.last_position',
          's.lesson_completed',
          // a learner's one lease row points at the session that holds it (a person's, or an unlinked account's)
          sql<boolean>`l.session_id is not null`.as('holds'),
        ])
        .where(sql<boolean>`s.id = any(${ids}::bigint[])`)
        .execute();
      const byId = new Map(
        rows.map((r) => [
          Number(r.id),
          { ...r, id: Number(r.id), account_id: Number(r.account_id), person_id: r.person_id === null ? null : Number(r.person_id) },
        ]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.writes = turnBatcher(async (writes: readonly BeatWrite[]) => {
      const column = <T>(pick: (w: BeatWrite) => T) => writes.map(pick);
      const result = await sql<{ idx: number }>`
        update /* prepared:heartbeat-write */ study_sessions s
           set credited_seconds = v.credited, last_beat_at = v.beat_at, last_seq = v.seq, last_position = v.pos
          from unnest(${writes.map((_w, i) => i)}::int[], ${column((w) => w.sessionId)}::bigint[], ${column((w) => w.creditedSeconds)}::int[],
                      ${column((w) => new Date(w.lastBeatAtMs).toISOString())}::timestamptz[], ${column((w) => w.lastSeq)}::int[], ${column((w) => w.lastPosition)}::double precision[],
                      ${column((w) => w.readSeq)}::int[], ${column((w) => w.readCompleted)}::boolean[])
               as v(idx, id, credited, beat_at, seq, pos, read_seq, read_completed)
         where s.id = v.id
           and s.last_seq = v.read_seq
           and s.lesson_completed = v.read_completed
           and exists (select 1 from study_leases l where l.session_id = s.id)
        returning v.idx`.execute(db);
      const written = new Set(result.rows.map((r) => Number(r.idx)));
      return writes.map((_w, i) => written.has(i));
    });
  }

  /** The session with its lease, or null if there is none with this id. */
  read(sessionId: number): Promise<BeatSessionRow | null> {
    return this.reads.load(sessionId);
  }

  /** Writes the beat's new state; false if another beat, a completed quiz or a new tab got there first. */
  write(beat: BeatWrite): Promise<boolean> {
    return this.writes.load(beat);
  }
}
