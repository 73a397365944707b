import { afterEach, describe, expect, it } from 'vitest';
import { clock, shiftedClock, systemClock, TestClock, useClock } from './clock';

describe('clock', () => {
  const original = useClock(systemClock);
  afterEach(() => {
    useClock(systemClock);
  });

  it('a frozen TestClock gives the set moment, moves only when told, and dates days in China (UTC+8)', () => {
    useClock(new TestClock('2030-12-31T15:59:59Z', { frozen: true }));
    expect(clock.now().toISOString()).toBe('2030-12-31T15:59:59.000Z');
    expect(clock.today()).toBe('2030-12-31');
    expect(clock.year()).toBe(2030);
    const c = new TestClock('2030-12-31T15:59:59Z', { frozen: true });
    useClock(c);
    c.advance(1000);
    // 16:00 UTC is midnight in China: a new day and a new year there
    expect(clock.today()).toBe('2031-01-01');
    expect(clock.year()).toBe(2031);
    c.set('2032-02-29T01:00:00+08:00');
    expect(clock.today()).toBe('2032-02-29');
    expect(() => c.set('not a date')).toThrow();
  });

  it('a ticking TestClock starts at its moment and keeps time', async () => {
    useClock(new TestClock('2040-06-01T00:00:00Z'));
    const first = clock.nowMs();
    expect(first - Date.parse('2040-06-01T00:00:00Z')).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.nowMs()).toBeGreaterThan(first);
  });

  it('a shifted clock runs whole days ahead of the system clock', () => {
    useClock(shiftedClock(730 * 86_400_000));
    const ahead = clock.nowMs() - Date.now();
    expect(Math.abs(ahead - 730 * 86_400_000)).toBeLessThan(1000);
  });

  it('the process starts on the environment’s clock (CQO_CLOCK_SHIFT_DAYS in the run two years ahead)', () => {
    useClock(original);
    const shift = Number(process.env.CQO_CLOCK_SHIFT_DAYS ?? 0) * 86_400_000;
    expect(Math.abs(clock.nowMs() - Date.now() - shift)).toBeLessThan(1000);
  });
});
