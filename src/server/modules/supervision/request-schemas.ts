import { z } from 'zod';

/** Request shapes more than one supervision route file takes. */

export const reasonBody = z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(1000).meta({ title: '理由' }) });

/** An evidence file of a record: the record's id and the file's. */
export const attachmentParams = z.object({
  id: z.coerce.number().int().positive().meta({ title: '编号' }),
  attachmentId: z.coerce.number().int().positive().meta({ title: '附件' }),
});
