import { z } from 'zod';

/** Login names: what account management and self-registration both accept. */
export const usernameSchema = z
  .string()
  .trim()
  .min(3, { error: '至少 3 个字符' })
  .max(32, { error: '不超过 32 个字符' })
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, { error: '以字母开头，只能包含字母、数字、下划线、点和连字符' });

export const personNameSchema = z.string().trim().min(2, { error: '至少 2 个字' }).max(40, { error: '不超过 40 个字' });
