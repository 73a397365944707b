import industry from './data/gbt4754-2017.json' with { type: 'json' };

/** GB/T 4754-2017: 20 sections (门类 A–T) and 97 divisions (大类 01–97). */
export interface IndustryDivision {
  code: string;
  name: string;
  section: string;
}
export interface IndustrySection {
  code: string;
  name: string;
  divisions: { code: string; name: string }[];
}

export const INDUSTRY_SOURCE: string = industry.source;
export const INDUSTRY_SECTIONS: readonly IndustrySection[] = industry.sections;
export const INDUSTRY_DIVISIONS: ReadonlyMap<string, IndustryDivision> = new Map(
  industry.sections.flatMap((s) => s.divisions.map((d) => [d.code, { ...d, section: s.code }] as const)),
);

export const industryLabel = (divisionCode: string): string => {
  const d = INDUSTRY_DIVISIONS.get(divisionCode);
  return d ? `${d.code} ${d.name}` : divisionCode;
};

/** Enterprise scale per 《统计上大中小微型企业划分办法（2017）》. */
export const SCALES = { large: '大型', medium: '中型', small: '小型', micro: '微型' } as const;
export type Scale = keyof typeof SCALES;

export const OWNERSHIPS = {
  state: '国有及国有控股',
  collective: '集体',
  private: '民营',
  hmt: '港澳台投资',
  foreign: '外商投资',
  other: '其他',
} as const;
export type Ownership = keyof typeof OWNERSHIPS;

export const ENTERPRISE_STATUSES = { operating: '在营', deregistered: '注销', revoked: '吊销' } as const;
export type EnterpriseStatus = keyof typeof ENTERPRISE_STATUSES;

export const ENTERPRISE_SOURCES = { imported: '导入', registered: '自主注册', entered: '录入' } as const;
export type EnterpriseSource = keyof typeof ENTERPRISE_SOURCES;

/** Looks a Chinese label (as typed in Excel) or a code up in a dictionary. */
export function fromLabel<T extends string>(dict: Record<T, string>, value: string): T | undefined {
  const v = value.trim();
  for (const [key, label] of Object.entries(dict) as [T, string][]) if (key === v || label === v) return key;
  return undefined;
}

/** Reasons a record waits for a reviewer's eye; accepted, but not silently. */
export const REVIEW_FLAGS = {
  uscc_region_outside_jiangsu: '信用代码登记地不在江苏省',
  uscc_region_outside_unit: '信用代码登记地与所属单位辖区不一致',
} as const;
export type ReviewFlag = keyof typeof REVIEW_FLAGS;

/**
 * Compares the USCC's region part with the responsible unit: it should be the unit itself or one of the
 * units above it (enterprises registered at the city or the province), i.e. one of the codes on its path.
 */
export function reviewFlagsFor(usccRegionCode: string, unitPath: string): ReviewFlag[] {
  if (!usccRegionCode.startsWith('32')) return ['uscc_region_outside_jiangsu'];
  return unitPath.split('.').includes(usccRegionCode) ? [] : ['uscc_region_outside_unit'];
}

/** The codes of a dictionary as a non-empty tuple, for z.enum. */
export const dictKeys = <T extends string>(dict: Record<T, string>): [T, ...T[]] => Object.keys(dict) as [T, ...T[]];
