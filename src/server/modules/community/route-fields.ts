import { z } from 'zod';

/** What the community's route files share: the OpenAPI tag, the `ok` answer and text fields with their Chinese messages. */
export const tags = ['community'];
export const ok = { ok: true } as const;
export const text = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { error: `请填写${label}${min > 1 ? `（至少 ${min} 个字）` : ''}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullish();
