import { describe, expect, it } from 'vitest';
import { addMonths, applicableTarget, coverageShare, inSegment, isAboveScaleIn, monthRange, projectTargetMonth, type CoverageFacts } from './coverage';

const facts = (over: Partial<CoverageFacts> = {}): CoverageFacts => ({
  aboveScale: true,
  aboveScaleYear: 2026,
  scale: 'medium',
  ownership: 'private',
  industrySection: 'C',
  status: 'operating',
  rosterStatus: 'confirmed',
  ...over,
});

describe('segment membership', () => {
  it('counts 规上 from the year the flag holds for, not before', () => {
    expect(isAboveScaleIn(facts(), 2026)).toBe(true);
    expect(isAboveScaleIn(facts(), 2027)).toBe(true);
    expect(isAboveScaleIn(facts(), 2025)).toBe(false);
    expect(isAboveScaleIn(facts({ aboveScale: false, aboveScaleYear: null }), 2026)).toBe(false);
    expect(inSegment({ aboveScale: true }, facts({ aboveScaleYear: 2027 }), 2026)).toBe(false);
    expect(inSegment({ aboveScale: false }, facts({ aboveScaleYear: 2027 }), 2026)).toBe(true);
  });

  it('leaves deregistered and unconfirmed enterprises out of every segment', () => {
    expect(inSegment({}, facts({ status: 'deregistered' }), 2026)).toBe(false);
    expect(inSegment({}, facts({ rosterStatus: 'proposed' }), 2026)).toBe(false);
    expect(inSegment({}, facts(), 2026)).toBe(true);
  });

  it('applies every field of an admin-defined segment', () => {
    const soeManufacturing = { ownerships: ['state' as const], sections: ['C'] };
    expect(inSegment(soeManufacturing, facts({ ownership: 'state' }), 2026)).toBe(true);
    expect(inSegment(soeManufacturing, facts({ ownership: 'state', industrySection: 'F' }), 2026)).toBe(false);
    expect(inSegment(soeManufacturing, facts(), 2026)).toBe(false);
    expect(inSegment({ scales: ['small', 'micro'] }, facts(), 2026)).toBe(false);
  });
});

describe('targets and projection', () => {
  const targets = [
    { year: 2021, share: 0.5 },
    { year: 2022, share: null },
    { year: 2023, share: 0.8 },
    { year: 2025, share: 1 },
  ];
  it('uses the year’s target, else the next one worked towards, else the last one', () => {
    expect(applicableTarget(targets, 2021)).toEqual({ year: 2021, share: 0.5 });
    expect(applicableTarget(targets, 2022)).toEqual({ year: 2023, share: 0.8 });
    expect(applicableTarget(targets, 2026)).toEqual({ year: 2025, share: 1 });
    expect(applicableTarget(targets, 2019)).toEqual({ year: 2021, share: 0.5 });
    expect(applicableTarget([], 2026)).toBeNull();
  });

  it('projects the month the target is met at the current pace', () => {
    expect(projectTargetMonth({ covered: 80, enterprises: 100, target: 0.8, netPerMonth: 1, from: '2026-11' })).toBe('met');
    expect(projectTargetMonth({ covered: 70, enterprises: 100, target: 0.8, netPerMonth: 2, from: '2026-11' })).toBe('2027-04');
    expect(projectTargetMonth({ covered: 70, enterprises: 100, target: 0.8, netPerMonth: 0, from: '2026-11' })).toBeNull();
    expect(projectTargetMonth({ covered: 70, enterprises: 100, target: 0.8, netPerMonth: -3, from: '2026-11' })).toBeNull();
  });

  it('does month arithmetic across years and shares of empty segments', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(coverageShare(0, 0)).toBe(0);
    expect(coverageShare(1, 3)).toBe(0.3333);
  });
});
