import { z } from 'zod';

/**
 * Chinese names of request fields, read from the schemas themselves: each request field declares its label where
 * it is declared, as zod metadata (`phone: mobile.meta({ title: '手机号码' })`), so one code name can mean different
 * things in different forms. A validation issue's path is walked through the schema that raised it to find the
 * labels of the fields on the way.
 */

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a schema stands for when looking inside it: wrappers, pipes, unions and intersections opened. */
function variants(schema: z.ZodType, seen = new Set<z.ZodType>()): z.ZodType[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (...keys: string[]) => keys.flatMap((k) => (def[k] ? variants(def[k] as z.ZodType, seen) : []));
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return [schema, ...inner('innerType')];
    case 'pipe':
      return [schema, ...inner('in', 'out')];
    case 'intersection':
      return [schema, ...inner('left', 'right')];
    case 'lazy':
      return [schema, ...variants((def.getter as () => z.ZodType)(), seen)];
    case 'union':
      return [schema, ...(def.options as z.ZodType[]).flatMap((o) => variants(o, seen))];
    default:
      return [schema];
  }
}

/** The `title` of a schema's metadata, the outermost first: a label given where a field is used wins. */
export function schemaTitle(schema: z.ZodType): string | undefined {
  for (const s of variants(schema)) {
    const title = z.globalRegistry.get(s)?.title;
    if (title) return title;
  }
  return undefined;
}

/** Where one path segment leads inside a schema, and whether it is an item of a list or an entry of a record. */
function step(schema: z.ZodType, segment: string): { next: z.ZodType[]; item: boolean; entry: boolean } {
  const next: z.ZodType[] = [];
  let item = false;
  let entry = false;
  for (const s of variants(schema)) {
    const def = defOf(s);
    if (def.type === 'object') {
      // own keys only: a path segment such as `constructor` or `__proto__` must not reach Object.prototype
      const shape = def.shape as Record<string, z.ZodType | undefined>;
      const field = (Object.hasOwn(shape, segment) ? shape[segment] : undefined) ?? (def.catchall as z.ZodType | undefined);
      if (field) next.push(field);
    } else if (def.type === 'array' && /^\d+$/.test(segment)) {
      next.push(def.element as z.ZodType);
      item = true;
    } else if (def.type === 'tuple' && /^\d+$/.test(segment)) {
      const field = (def.items as z.ZodType[])[Number(segment)] ?? (def.rest as z.ZodType | null);
      if (field) next.push(field);
      item = true;
    } else if (def.type === 'record') {
      next.push(def.valueType as z.ZodType);
      entry = true;
    }
  }
  return { next, item, entry };
}

/**
 * The Chinese name of a request field from the schema it was validated with and its path ("sessions.0.startsAt" →
 * "课次第 1 项的开始时间"): the field's label, preceded by the list items it sits in; an entry of a record without a label
 * of its own is named by the record. Undefined when the path is empty
 * (a rule about the whole request) or its last field declares no label.
 */
export function fieldLabel(schema: z.ZodType | undefined, path: string | readonly PropertyKey[]): string | undefined {
  const segments = typeof path === 'string' ? path.split(/[./]/).filter(Boolean) : path.map(String);
  if (!schema || segments.length === 0) return undefined;
  let current = [schema];
  const parts: { label: string | undefined; indexed: boolean }[] = [];
  for (const segment of segments) {
    const steps = current.map((s) => step(s, segment));
    current = steps.flatMap((s) => s.next);
    const last = parts[parts.length - 1];
    if (steps.some((s) => s.item) && last) {
      parts[parts.length - 1] = { label: last.label && `${last.label}第 ${Number(segment) + 1} 项`, indexed: true };
      continue;
    }
    const label = current.map(schemaTitle).find(Boolean);
    // an entry of a record (a year's target, an instructor's rating) without a label of its own is named by the record
    if (!label && steps.some((s) => s.entry) && last) parts[parts.length - 1] = { ...last, indexed: true };
    else parts.push({ label, indexed: false });
  }
  const shown = parts.filter((p, i) => p.indexed || i === parts.length - 1);
  if (shown.some((p) => !p.label)) return undefined;
  return shown.map((p) => p.label).join('的');
}

/** "手机号码：应为 11 位…": a field's message with the field's name in front (once); as is when it has no name. */
export function fieldMessage(schema: z.ZodType | undefined, path: string | readonly PropertyKey[], message: string): string {
  const label = fieldLabel(schema, path);
  if (!label || message.startsWith(label)) return message;
  return `${label}：${message}`;
}
