/**
 * The one source of "now" for module code, jobs and the demo seed.
 *
 * Production uses the system clock. Tests install a clock of their own (`useClock`, or
 * `createTestApp({ now })`), and `CQO_CLOCK_SHIFT_DAYS` shifts a ticking clock by whole days
 * (CI runs the suite two years ahead with it, so no test depends on the real calendar).
 *
 * Infrastructure that measures real elapsed time between processes (job leases, rate-limit
 * windows, benchmark timers) keeps using the database's or the process's own time on purpose.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const DAY_MS = 86_400_000;

/** A clock that ticks with the system clock, shifted by a fixed offset. */
export function shiftedClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** A clock tests drive by hand: it starts at `start` and ticks with real time unless frozen. */
export class TestClock implements Clock {
  private offsetMs: number;
  private frozenAt: number | null = null;

  constructor(start: Date | string = new Date(), options: { frozen?: boolean } = {}) {
    this.offsetMs = new Date(start).getTime() - Date.now();
    if (options.frozen) this.frozenAt = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  /** Jump to a moment; the clock keeps ticking (or stays frozen) from there. */
  set(moment: Date | string): void {
    const t = new Date(moment).getTime();
    if (Number.isNaN(t)) throw new Error(`TestClock.set: not a date: ${String(moment)}`);
    if (this.frozenAt !== null) this.frozenAt = t;
    else this.offsetMs = t - Date.now();
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }
}

function clockFromEnvironment(): Clock {
  const days = Number(process.env.CQO_CLOCK_SHIFT_DAYS ?? '');
  return Number.isFinite(days) && days !== 0 ? shiftedClock(days * DAY_MS) : systemClock;
}

let active: Clock = clockFromEnvironment();

/** Installs a clock for this process (tests, the demo seed of a shifted run). Returns the previous one. */
export function useClock(clock: Clock): Clock {
  const previous = active;
  active = clock;
  return previous;
}

/** Module code reads the time only through this: `clock.now()`, `clock.nowMs()`, `clock.year()`. */
export const clock = {
  /** The current moment by the installed clock. */
  now(): Date {
    return active.now();
  },
  /** Milliseconds since the epoch by the installed clock (for `Date.now()` arithmetic). */
  nowMs(): number {
    return active.now().getTime();
  },
  /** Today's date in China (UTC+8), `YYYY-MM-DD`, by the installed clock. */
  today(): string {
    return new Date(active.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  },
  /** The current calendar year in China (UTC+8) by the installed clock. */
  year(): number {
    return new Date(active.now().getTime() + 8 * 3600_000).getUTCFullYear();
  },
};

/** The offset in days of the environment's shifted clock (0 when the real calendar is used). */
export function environmentShiftDays(): number {
  const days = Number(process.env.CQO_CLOCK_SHIFT_DAYS ?? '');
  return Number.isFinite(days) ? days : 0;
}
