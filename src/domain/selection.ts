import { z } from 'zod';

/**
 * 竞争聘用 (policy 六: 鼓励企业引入首席质量官竞争聘用机制): an enterprise compares several of its recorded candidates
 * against weighted criteria, a panel scores them, the result is published for a 公示 period during which anyone may
 * object, and the objections are answered before the selection concludes and the winner is filed.
 */
export const SELECTION_STATUSES = { open: '评选中', publicity: '公示中', concluded: '已完成', cancelled: '已取消' } as const;
export type SelectionStatusKey = keyof typeof SELECTION_STATUSES;

/** A competitive selection needs at least two candidates. */
export const MIN_SELECTION_CANDIDATES = 2;
/** The 公示 lasts at least this many calendar days (first and last day included). */
export const MIN_PUBLICITY_DAYS = 5;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const criterionSchema = z.object({
  name: z.string().trim().min(2, { error: '评分项目名称至少 2 个字' }).max(30, { error: '评分项目名称不超过 30 个字' }).meta({ title: '评分项目名称' }),
  weight: z
    .number({ error: '权重应为 1–100 的整数' })
    .int({ error: '权重应为 1–100 的整数' })
    .min(1, { error: '权重应为 1–100 的整数' })
    .max(100, { error: '权重应为 1–100 的整数' })
    .meta({ title: '权重' }),
});

export const selectionInputSchema = z.object({
  title: z.string().trim().min(2, { error: '请填写名称（至少 2 个字）' }).max(100).meta({ title: '名称' }),
  criteria: z
    .array(criterionSchema)
    .min(1, { error: '请至少设置一个评分项目' })
    .max(10, { error: '评分项目不超过 10 个' })
    .refine((c) => c.reduce((n, x) => n + x.weight, 0) === 100, { error: '各评分项目的权重之和应为 100' })
    .refine((c) => new Set(c.map((x) => x.name)).size === c.length, { error: '评分项目名称不能重复' })
    .meta({ title: '评分项目' }),
  panel: z
    .array(z.string().trim().min(2, { error: '评审组成员姓名至少 2 个字' }).max(20))
    .min(3, { error: '评审组至少 3 人' })
    .max(15, { error: '评审组不超过 15 人' })
    .meta({ title: '评审组成员' }),
});
export type SelectionInput = z.output<typeof selectionInputSchema>;

export const scoresSchema = z.array(z.number({ error: '分数应为 0–100 的数字' }).min(0, { error: '分数应为 0–100' }).max(100, { error: '分数应为 0–100' }));

export const publishSchema = z.object({
  selectedPersonId: z.number().int().positive(),
  resultNote: z.string().trim().max(500).nullish().meta({ title: '结果说明' }),
  publicityStart: date.meta({ title: '公示开始日期' }),
  publicityEnd: date.meta({ title: '公示结束日期' }),
});

export const objectionSchema = z.object({
  body: z.string().trim().min(10, { error: '请写明异议内容（至少 10 个字）' }).max(2000).meta({ title: '意见' }),
  contact: z.string().trim().max(60).nullish().meta({ title: '联系方式' }),
});

/** The weighted total of one candidate's scores (each 0–100, weights in percent), to two decimals. */
export function weightedTotal(criteria: readonly { weight: number }[], scores: readonly number[]): number {
  const sum = criteria.reduce((n, c, i) => n + c.weight * (scores[i] ?? 0), 0);
  return Math.round(sum) / 100;
}

/** Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4). Unscored candidates have no rank. */
export function rankByTotal<T extends { total: number | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const totals = rows.map((r) => r.total).filter((t): t is number => t !== null);
  return rows.map((r) => ({ ...r, rank: r.total === null ? null : 1 + totals.filter((t) => t > (r.total as number)).length }));
}

/** Days from one YYYY-MM-DD to another, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export type PublishRefusal = { path: string; message: string };

/**
 * Whether a result may be published: every candidate scored, at least two, the selected one among them, a reason
 * when the selected candidate is not ranked first, and a 公示 of at least MIN_PUBLICITY_DAYS starting no earlier than today.
 */
export function checkPublish(p: {
  candidates: readonly { personId: number; total: number | null }[];
  selectedPersonId: number;
  resultNote: string | null;
  publicityStart: string;
  publicityEnd: string;
  today: string;
}): PublishRefusal | null {
  if (p.candidates.length < MIN_SELECTION_CANDIDATES)
    return { path: 'selectedPersonId', message: `竞争聘用至少需要 ${String(MIN_SELECTION_CANDIDATES)} 名候选人` };
  if (p.candidates.some((c) => c.total === null)) return { path: 'selectedPersonId', message: '尚有候选人未评分' };
  const ranked = rankByTotal(p.candidates);
  const chosen = ranked.find((c) => c.personId === p.selectedPersonId);
  if (!chosen) return { path: 'selectedPersonId', message: '拟聘人选须为本次竞争聘用的候选人' };
  if (chosen.rank !== 1 && (p.resultNote ?? '').trim().length < 10)
    return { path: 'resultNote', message: '拟聘人选不是综合得分第一名，请说明理由（至少 10 个字）' };
  if (p.publicityStart < p.today) return { path: 'publicityStart', message: '公示开始日期不能早于今天' };
  if (daysInclusive(p.publicityStart, p.publicityEnd) < MIN_PUBLICITY_DAYS)
    return { path: 'publicityEnd', message: `公示期不少于 ${String(MIN_PUBLICITY_DAYS)} 天` };
  return null;
}
