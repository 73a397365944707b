import { INDUSTRY_SECTIONS } from '../../../domain/enterprise';
import {
  APPEAL_STATUSES,
  DUTY_CLAUSES,
  DUTY_KINDS,
  DUTY_PROJECT_TYPES,
  EXPERT_STATUSES,
  EXPERT_TASK_KINDS,
  SANCTION_KINDS,
  SANCTION_STATUSES,
} from '../../../domain/supervision';

/** Select options and labels of the supervision pages, built from the domain dictionaries. */
const optionsOf = <T extends string>(dict: Record<T, string>) => (Object.entries(dict) as [T, string][]).map(([value, label]) => ({ value, label }));

export const DUTY_KIND_OPTIONS = (Object.keys(DUTY_KINDS) as (keyof typeof DUTY_KINDS)[]).map((value) => ({
  value,
  label: `${DUTY_CLAUSES[value].clause} ${DUTY_KINDS[value]}`,
  title: DUTY_CLAUSES[value].text,
}));
export const DUTY_PROJECT_OPTIONS = optionsOf(DUTY_PROJECT_TYPES);
export const EXPERT_STATUS_OPTIONS = optionsOf(EXPERT_STATUSES);
export const EXPERT_TASK_OPTIONS = optionsOf(EXPERT_TASK_KINDS);
export const SANCTION_KIND_OPTIONS = optionsOf(SANCTION_KINDS);
export const SANCTION_STATUS_OPTIONS = optionsOf(SANCTION_STATUSES);
export const INDUSTRY_OPTIONS = INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }));

export const dutyKindLabel = (kind: string, projectType: string | null): string =>
  (kind in DUTY_KINDS ? `${DUTY_CLAUSES[kind as keyof typeof DUTY_KINDS].clause} ${DUTY_KINDS[kind as keyof typeof DUTY_KINDS]}` : kind) +
  (projectType ? `（${DUTY_PROJECT_TYPES[projectType as keyof typeof DUTY_PROJECT_TYPES] ?? projectType}）` : '');
export const expertStatusLabel = (s: string): string => EXPERT_STATUSES[s as keyof typeof EXPERT_STATUSES] ?? s;
export const taskKindLabel = (s: string): string => EXPERT_TASK_KINDS[s as keyof typeof EXPERT_TASK_KINDS] ?? s;
export const sanctionKindLabel = (s: string): string => SANCTION_KINDS[s as keyof typeof SANCTION_KINDS] ?? s;
export const sanctionStatusLabel = (s: string): string => SANCTION_STATUSES[s as keyof typeof SANCTION_STATUSES] ?? s;
export const appealStatusLabel = (s: string): string => APPEAL_STATUSES[s as keyof typeof APPEAL_STATUSES] ?? s;

export const DUTY_KIND_COLORS: Record<string, string> = {
  laws: 'cyan',
  management_meeting: 'blue',
  veto: 'red',
  quality_management: 'purple',
  government_work: 'green',
};
export const EXPERT_STATUS_COLORS: Record<string, string> = { nominated: 'processing', active: 'success', declined: 'default', withdrawn: 'default' };
export const SANCTION_STATUS_COLORS: Record<string, string> = { proposed: 'processing', rejected: 'default', in_force: 'error', removed: 'default' };
