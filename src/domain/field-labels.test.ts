import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, fieldMessage, schemaTitle } from './field-labels';

const session = z.object({ title: z.string().meta({ title: '课次名称' }), startsAt: z.coerce.date().meta({ title: '开始时间' }) });
const body = z
  .object({
    name: z.string().min(2).meta({ title: '班次名称' }),
    sessions: z.array(session).min(1).meta({ title: '课次' }),
    // a label given where a shared schema is used wins over the shared one's
    phone: z.string().meta({ title: '手机号码' }).optional().meta({ title: '联系电话' }),
    note: z.string().trim().nullable().default(null).meta({ title: '说明' }),
    kind: z.discriminatedUnion('type', [
      z.object({ type: z.literal('a'), count: z.number().meta({ title: '人数' }) }),
      z.object({ type: z.literal('b'), days: z.number().meta({ title: '天数' }) }),
    ]),
    targets: z.record(z.string(), z.number()).meta({ title: '分年度目标' }),
    raw: z.string(),
  })
  .transform((v) => v);

describe('field labels from schema metadata', () => {
  it('names a field by its own title, through wrappers and the transform around the object', () => {
    expect(fieldLabel(body, ['name'])).toBe('班次名称');
    expect(fieldLabel(body, 'note')).toBe('说明');
    expect(fieldLabel(body, ['phone'])).toBe('联系电话');
  });

  it('names list items by their place and the list, and the options of a union by their own titles', () => {
    expect(fieldLabel(body, ['sessions', 0, 'startsAt'])).toBe('课次第 1 项的开始时间');
    expect(fieldLabel(body, 'sessions.2.title')).toBe('课次第 3 项的课次名称');
    expect(fieldLabel(body, ['kind', 'count'])).toBe('人数');
    expect(fieldLabel(body, ['kind', 'days'])).toBe('天数');
  });

  it('names an entry of a record by the record, and nothing without a title or a path', () => {
    expect(fieldLabel(body, ['targets', '2025'])).toBe('分年度目标');
    expect(fieldLabel(body, ['raw'])).toBeUndefined();
    expect(fieldLabel(body, ['missing'])).toBeUndefined();
    expect(fieldLabel(body, [])).toBeUndefined();
    expect(fieldLabel(undefined, ['name'])).toBeUndefined();
    // a segment that is a name on Object.prototype is no field (a request may send any key)
    expect(fieldLabel(body, ['constructor'])).toBeUndefined();
    expect(fieldLabel(body, ['__proto__', 'name'])).toBeUndefined();
    expect(fieldLabel(body, ['toString'])).toBeUndefined();
  });

  it('puts the name in front of a message once, and leaves a message without a name as it is', () => {
    expect(fieldMessage(body, ['name'], '至少 2 个字')).toBe('班次名称：至少 2 个字');
    expect(fieldMessage(body, ['name'], '班次名称已存在')).toBe('班次名称已存在');
    expect(fieldMessage(body, ['raw'], '必填')).toBe('必填');
  });

  it('reads the title of a field schema for a form label', () => {
    expect(schemaTitle(body)).toBeUndefined();
    expect(schemaTitle(z.object({ a: z.string().meta({ title: '甲' }).nullable() }).shape.a)).toBe('甲');
  });
});
