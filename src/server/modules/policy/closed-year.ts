import { clock } from '../../clock';
import { stateError } from '../../errors';

/**
 * A year before the clock's current year is closed (policy 八): its 考核 is recomputed from the year's data with the
 * rules that governed it, so the online-study rule, study target hours and working calendar of that year stay as they were.
 */
export const isClosedYear = (year: number): boolean => year < clock.year();

export const closedYearMessage = (year: number): string => `${String(year)} 年已结束，其规则已用于当年考核，不能再修改`;

/** Refuses (409) a change to a closed year's rules. */
export function assertOpenYear(year: number, what = ''): void {
  if (isClosedYear(year)) throw stateError(`${what}${closedYearMessage(year)}`);
}
