import { describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { classificationChanges } from './change-requests';

/** Which parts of an enterprise's own edit need the county's confirmation (issue 16 item 5). */
describe('classificationChanges', () => {
  const year = clock.year() - 1;
  const confirmed = { industry_division: '34', scale: 'small', ownership: 'private', above_scale: false, above_scale_year: null } as const;
  const same = { industryCode: '34', scale: 'small', ownership: 'private', aboveScale: false, aboveScaleYear: null } as const;

  it('is nothing when the classification is kept', () => {
    expect(classificationChanges(confirmed, same)).toBeUndefined();
  });

  it('names each changed field: 规上 status with its year, scale, ownership, industry', () => {
    expect(classificationChanges(confirmed, { ...same, aboveScale: true, aboveScaleYear: year })).toEqual({ aboveScale: true, aboveScaleYear: year });
    expect(classificationChanges(confirmed, { ...same, scale: 'medium', ownership: 'state', industryCode: '39' })).toEqual({
      scale: 'medium',
      ownership: 'state',
      industryCode: '39',
    });
  });

  it('a new 规上 year alone is a change too', () => {
    const above = { ...confirmed, above_scale: true, above_scale_year: year - 1 };
    expect(classificationChanges(above, { ...same, aboveScale: true, aboveScaleYear: year })).toEqual({ aboveScale: true, aboveScaleYear: year });
  });
});
