import { describe, expect, it } from 'vitest';
import { abilitiesOf } from './abilities';
import { GRANTABLE_ROLES } from './permissions';

describe('abilitiesOf', () => {
  it('bureaus over a region run the community; an organisation admin does not', () => {
    expect(abilitiesOf('county_admin', 'county').communityBureau).toBe(true);
    expect(abilitiesOf('province_admin', 'province').communityBureau).toBe(true);
    expect(abilitiesOf('alliance_admin', 'city').communityBureau).toBe(false);
    expect(abilitiesOf('officer', 'county').communityBureau).toBe(false);
  });

  it('counties and cities propose sanctions, only the province decides', () => {
    expect(abilitiesOf('county_admin', 'county')).toMatchObject({ proposeSanction: true, decideSanction: false });
    expect(abilitiesOf('city_admin', 'city')).toMatchObject({ proposeSanction: true, decideSanction: false });
    expect(abilitiesOf('province_admin', 'province')).toMatchObject({ proposeSanction: false, decideSanction: true });
    expect(abilitiesOf('enterprise', 'county')).toMatchObject({ proposeSanction: false, decideSanction: false });
  });

  it('a city or the province sets county merges; curricula are kept by cities (基础, 提升) and the province (高级)', () => {
    expect(abilitiesOf('city_admin', 'city')).toMatchObject({ setCountyMerges: true, curriculumTiers: ['basic', 'enhanced'] });
    expect(abilitiesOf('province_admin', 'province')).toMatchObject({ setCountyMerges: true, curriculumTiers: ['advanced'] });
    expect(abilitiesOf('county_admin', 'county')).toMatchObject({ setCountyMerges: false, curriculumTiers: [] });
    expect(abilitiesOf('trainer', 'city')).toMatchObject({ setCountyMerges: false, curriculumTiers: [] });
  });

  it('administrators sign in with TOTP; the grantable roles are those of GRANTABLE_ROLES', () => {
    expect(abilitiesOf('system_admin', 'province').totpRequired).toBe(true);
    expect(abilitiesOf('officer', 'county').totpRequired).toBe(false);
    expect(abilitiesOf('system_admin', 'province').grantableRoles).toEqual([...GRANTABLE_ROLES.system_admin]);
    expect(abilitiesOf('officer', 'county').grantableRoles).toEqual([]);
  });
});
