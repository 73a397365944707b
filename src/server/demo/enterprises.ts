import type { Kysely } from 'kysely';
import { clock } from '../clock';
import { INDUSTRY_DIVISIONS, reviewFlagsFor, type Ownership, type Scale } from '../../domain/enterprise';
import { makeUscc } from '../../domain/uscc';
import type { DB } from '../db/types';

/** Deterministic pseudo-random numbers (mulberry32), so every fresh start makes the same demo roster. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Demo counties and how many enterprises each gets (about 3,000 in all). */
const COUNTIES: readonly { code: string; city: string; prefix: string; count: number; street: string }[] = [
  { code: '320583', city: '320500', prefix: '昆山', count: 700, street: '昆山市开发区前进东路' },
  { code: '320508', city: '320500', prefix: '苏州', count: 350, street: '苏州市姑苏区人民路' },
  { code: '320506', city: '320500', prefix: '吴中', count: 300, street: '苏州市吴中区东吴北路' },
  { code: '320102', city: '320100', prefix: '南京', count: 250, street: '南京市玄武区中山路' },
  { code: '320115', city: '320100', prefix: '江宁', count: 400, street: '南京市江宁区双龙大道' },
  { code: '320281', city: '320200', prefix: '江阴', count: 350, street: '江阴市澄江中路' },
  { code: '320412', city: '320400', prefix: '武进', count: 350, street: '常州市武进区延政中路' },
  { code: '321283', city: '321200', prefix: '泰兴', count: 300, street: '泰兴市国庆东路' },
];

const WORDS = [
  '华东',
  '恒达',
  '精工',
  '宏远',
  '金港',
  '瑞丰',
  '新锐',
  '永泰',
  '隆盛',
  '博远',
  '天成',
  '信诚',
  '中科',
  '汇通',
  '鼎新',
  '创维',
  '东方',
  '长江',
  '太湖',
  '金陵',
];
const TRADES: readonly [string, string][] = [
  ['34', '精密机械'],
  ['35', '智能装备'],
  ['36', '汽车零部件'],
  ['38', '电气'],
  ['39', '电子科技'],
  ['26', '化工'],
  ['29', '塑胶制品'],
  ['17', '纺织'],
  ['14', '食品'],
  ['27', '医药'],
  ['33', '五金制品'],
  ['30', '新型建材'],
  ['40', '仪器仪表'],
  ['22', '纸业'],
  ['65', '软件'],
  ['51', '贸易'],
];
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗';
const GIVEN = ['建国', '志强', '秀英', '海燕', '伟', '敏', '静', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚'];

export const DEMO_ENTERPRISE_ACCOUNT = 'ent-kunshan-1';

/** About 3,000 realistic enterprises over the demo counties, ~10% 规上, with valid USCCs for their region. */
export async function seedDemoEnterprises(db: Kysely<DB>): Promise<number> {
  const existing = await db
    .selectFrom('enterprises')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const random = rng(20260101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let serial = 1;
  let added = 0;
  for (const county of COUNTIES.filter((c) => c.count > 0)) {
    const unit = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', county.code).executeTakeFirstOrThrow();
    const rows = [];
    const names = new Set<string>();
    for (let i = 0; i < county.count; i++) {
      const [division, trade] = pick(TRADES);
      let name = `${county.prefix}${pick(WORDS)}${trade}${random() < 0.2 ? '股份' : ''}有限公司`;
      if (names.has(name)) name = name.replace('有限公司', `（${i + 1}）有限公司`);
      names.add(name);
      const r = random();
      const scale: Scale = r < 0.03 ? 'large' : r < 0.15 ? 'medium' : r < 0.6 ? 'small' : 'micro';
      const aboveScale = scale === 'large' || scale === 'medium' ? random() < 0.7 : scale === 'small' && random() < 0.03;
      const o = random();
      const ownership: Ownership = o < 0.06 ? 'state' : o < 0.08 ? 'collective' : o < 0.85 ? 'private' : o < 0.92 ? 'hmt' : o < 0.99 ? 'foreign' : 'other';
      // most register with the county, some with the city; a few moved in from elsewhere (flagged for review)
      const where = random();
      const region = where < 0.84 ? county.code : where < 0.98 ? county.city : where < 0.99 ? '330100' : '320902';
      const uscc = makeUscc(region, 880000 + serial++);
      const person = () => `${pick([...SURNAMES])}${pick(GIVEN)}`;
      rows.push({
        uscc,
        name,
        org_unit_id: unit.id,
        address: `${county.street}${Math.floor(random() * 900) + 1}号`,
        legal_representative: person(),
        contact_person: person(),
        contact_phone: `1${pick(['39', '38', '51', '58', '77', '86'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        industry_section: INDUSTRY_DIVISIONS.get(division)?.section ?? 'C',
        industry_division: division,
        scale,
        ownership,
        above_scale: aboveScale,
        above_scale_year: aboveScale ? clock.year() : null,
        status: random() < 0.97 ? ('operating' as const) : ('deregistered' as const),
        source: 'imported' as const,
        review_flags: reviewFlagsFor(region, unit.path),
      });
    }
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('enterprises')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('uscc').doNothing())
        .execute();
    }
    added += rows.length;
  }
  return added;
}

/** The demo enterprise account, linked to the first 规上 enterprise of 昆山. */
export async function seedDemoEnterpriseAccount(db: Kysely<DB>, passwordHash: string): Promise<number> {
  const exists = await db.selectFrom('accounts').select('id').where('username', '=', DEMO_ENTERPRISE_ACCOUNT).executeTakeFirst();
  if (exists) return 0;
  const enterprise = await db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['e.id', 'e.name', 'e.org_unit_id'])
    .where('o.code', '=', '320583')
    .where('e.above_scale', '=', true)
    .where('e.status', '=', 'operating')
    .orderBy('e.id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('accounts')
    .values({
      username: DEMO_ENTERPRISE_ACCOUNT,
      display_name: enterprise.name,
      role: 'enterprise',
      org_unit_id: enterprise.org_unit_id,
      enterprise_id: enterprise.id,
      password_hash: passwordHash,
      must_change_password: false,
    })
    .execute();
  return 1;
}
