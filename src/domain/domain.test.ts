import { describe, expect, it } from 'vitest';
import { isWithinScope } from './org-unit';
import { passwordProblems, DEFAULT_SECURITY_POLICY } from './password-policy';
import { ADMIN_ROLES, GRANTABLE_ROLES, ROLE_PERMISSIONS, ROLES, SEPARATED_ADMIN_ROLES } from './permissions';
import { phoneProblem } from './phone';

describe('password policy', () => {
  const check = (p: string, u = 'zhangsan') => passwordProblems(p, u, DEFAULT_SECURITY_POLICY);
  it('accepts 10+ characters of three classes', () => {
    expect(check('Quality2026')).toEqual([]);
    expect(check('quality-2026')).toEqual([]);
  });
  it('refuses short, two-class and username-bearing passwords with Chinese reasons', () => {
    expect(check('Qa1!')).toContain('密码长度至少 10 位');
    expect(check('qualityquality')[0]).toContain('至少 3 类');
    expect(check('Zhangsan@2026')).toContain('密码不得包含用户名');
    expect(check('nasgnahz#2026A')).toContain('密码不得包含用户名');
  });
});

describe('phone', () => {
  it.each(['13912345678', '025-83000000', '0512-65220000-801', '02583000000'])('accepts %s', (p) => expect(phoneProblem(p)).toBeNull());
  it.each(['12345678901', '1391234567', '83000000', 'abc'])('refuses %s', (p) => expect(phoneProblem(p)).not.toBeNull());
});

describe('scope', () => {
  it('matches the unit and its descendants, not a sibling with a longer code', () => {
    expect(isWithinScope('320000.320500', '320000.320500')).toBe(true);
    expect(isWithinScope('320000.320500.320583', '320000.320500')).toBe(true);
    expect(isWithinScope('320000.3205001', '320000.320500')).toBe(false);
    expect(isWithinScope('320000.320100', '320000.320500')).toBe(false);
  });
});

describe('roles', () => {
  it('defines permissions for every role of REQUIREMENTS.md', () => {
    expect([...ROLES].sort()).toEqual(Object.keys(ROLE_PERMISSIONS).sort());
    expect(ROLES).toHaveLength(11);
  });
  it('keeps the three separated administrators disjoint (三员分立)', () => {
    const [sys, sec, aud] = SEPARATED_ADMIN_ROLES.map((r) => new Set(ROLE_PERMISSIONS[r]));
    for (const p of sys ?? []) {
      expect(sec?.has(p)).toBe(false);
      expect(aud?.has(p) && p !== 'jobs:read').toBe(false);
    }
    for (const p of sec ?? []) expect(aud?.has(p)).toBe(false);
    expect(ROLE_PERMISSIONS.audit_admin).toContain('audit:read');
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('audit:read'))).toEqual(['audit_admin']);
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('security_policy:manage'))).toEqual(['security_admin']);
  });
  it('lets no role grant its own role or a 三员 role', () => {
    for (const role of ROLES) {
      expect(GRANTABLE_ROLES[role]).not.toContain(role);
      for (const sep of SEPARATED_ADMIN_ROLES) expect(GRANTABLE_ROLES[role]).not.toContain(sep);
    }
  });
  it('requires TOTP for every administrator role', () => {
    expect([...ADMIN_ROLES].sort()).toEqual(['audit_admin', 'city_admin', 'county_admin', 'province_admin', 'security_admin', 'system_admin']);
  });
});

describe('working days', () => {
  it('skips weekends', async () => {
    const { addWorkingDays, todayInChina } = await import('./working-days');
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday + 1 → Monday
    expect(addWorkingDays('2026-11-30', 20)).toBe('2026-12-28');
    expect(todayInChina(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});
