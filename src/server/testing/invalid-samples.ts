import type { z } from 'zod';

/**
 * Invalid inputs for a zod schema, one field at a time: a wrong type, empty, too short, too long, out of range, an
 * unknown option, a bad element of a list. Used to read every message a route can answer with.
 */
type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const MAX_DEPTH = 5;

function lengthBound(schema: unknown, key: 'minLength' | 'maxLength'): number | null {
  const value = (schema as Partial<Record<typeof key, number | null>>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function invalidSamples(schema: z.ZodType, depth = 0): unknown[] {
  if (depth > MAX_DEPTH) return [];
  const def = defOf(schema);
  const inner = (key: string) => invalidSamples(def[key] as z.ZodType, depth);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'lazy':
      return invalidSamples((def.getter as () => z.ZodType)(), depth + 1);
    case 'string': {
      const max = lengthBound(schema, 'maxLength');
      return [12345, '', ' ', '§', ...(max === null ? [] : ['字'.repeat(max + 1)])];
    }
    case 'number':
    case 'bigint':
      return ['abc', -1e12, 1e12, 1.5];
    case 'boolean':
      return ['abc'];
    case 'date':
      return ['abc'];
    case 'enum':
    case 'literal':
      return ['§invalid§', 12345];
    case 'array': {
      const max = lengthBound(schema, 'maxLength');
      const element = def.element as z.ZodType;
      return ['abc', [], ...invalidSamples(element, depth + 1).map((v) => [v]), ...(max === null ? [] : [Array.from({ length: max + 1 }, () => ({}))])];
    }
    case 'object':
      return ['abc', ...objectSamples(schema, depth + 1)];
    case 'union':
      return ['abc', ...(def.options as z.ZodType[]).flatMap((o) => invalidSamples(o, depth + 1))];
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    case 'record':
      return ['abc', { '§': '§' }];
    case 'tuple':
      return ['abc', []];
    default:
      return [];
  }
}

/** `{}` and, for every field of an object schema, the object with that field alone set to each invalid value. */
export function objectSamples(schema: z.ZodType, depth = 0): Record<string, unknown>[] {
  const def = defOf(schema);
  if (def.type !== 'object')
    return invalidSamples(schema, depth).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  const shape = def.shape as Record<string, z.ZodType>;
  return [{}, ...Object.entries(shape).flatMap(([key, field]) => invalidSamples(field, depth).map((value) => ({ [key]: value })))];
}
