/**
 * The API contract's shared pieces. src/contract holds the zod schemas of the requests and answers of the API, one
 * file per area; the server's routes use them as their `schema` (a response schema also serialises: a field it does
 * not list is dropped from the answer), and the web infers its types from them (`Answer<typeof schema>`), importing
 * them with `import type` only, so no schema code reaches the bundle. Files here import zod and src/domain only.
 */
import { z } from 'zod';

/** A paged list: `{ items, total, page, pageSize }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** `page` and `pageSize` of a paged list's query. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1).meta({ title: '页码' }),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).meta({ title: '每页条数' }),
};

/** The path parameter of a record's address. */
export const idParams = z.object({ id: z.coerce.number().int().positive().meta({ title: '编号' }) });

/** The version of the record the editor loaded; every edit of a versioned record carries it (optimistic locking). */
export const versionField = z.number({ error: '缺少版本号，请刷新后重试' }).int().positive();

type WithoutDefaults<S extends z.ZodRawShape> = { [K in keyof S]: S[K] extends z.ZodDefault<infer Inner> ? z.ZodOptional<Inner> : S[K] };

/**
 * The body of an update (PUT/PATCH) from a create schema: a field with a default becomes optional without it. An
 * update changes only the fields it carries; a field not sent keeps its stored value and is never reset to a default
 * (null clears a field that may be empty).
 */
export function updateBody<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<WithoutDefaults<S>> {
  // the field keeps its metadata (its label) when its default is dropped
  const optional = (field: z.ZodDefault) => (field.unwrap() as z.ZodType).optional().meta(z.globalRegistry.get(field) ?? {});
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? optional(field) : field]));
  return z.object(shape) as unknown as z.ZodObject<WithoutDefaults<S>>;
}

/** The answer of an action that returns nothing else. */
export const okSchema = z.object({ ok: z.literal(true) });

/** The answer of a create: the new record's id. */
export const idSchema = z.object({ id: z.number() });

/** The answer of a route that queued a background job. */
export const jobIdSchema = z.object({ jobId: z.number() });

/**
 * An officer at an enterprise, as the lists of filings, the officer roster and sanctions name them: the person (the ID
 * number only masked) and the enterprise with its credit code. Rows extend it with their own fields.
 */
export const officerAtEnterpriseSchema = z.object({
  personId: z.number(),
  personName: z.string(),
  idNumberMasked: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
});

/** A value as it crosses the wire: JSON has no Date, the server's Date values arrive as ISO strings. */
export type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** The JSON the web receives for a response schema. */
export type Answer<S extends z.ZodType> = Wire<z.output<S>>;

/** The JSON the web may send for a request body schema (before the server's parsing and defaults). */
export type Request<S extends z.ZodType> = z.input<S>;

/** A request body with every defaulted field present (the parsed shape), as an editing form holds it; also valid to send. */
export type Body<S extends z.ZodType> = Wire<z.output<S>>;

/** The content types of the files the API sends. */
export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The bytes of a file in the OpenAPI document. */
const binarySchema = z.string().meta({ format: 'binary' });

/**
 * The answer of a download (a PDF, a workbook, a stored file), in fastify's content-type form: the OpenAPI document
 * names the content types it may carry. The body is a Buffer or a stream, which fastify sends without running the
 * serializer, so the schema only documents.
 */
export function fileResponse<const T extends readonly [string, ...string[]]>(contentTypes: T, description: string) {
  const content = Object.fromEntries(contentTypes.map((type) => [type, { schema: binarySchema }])) as { [K in T[number]]: { schema: typeof binarySchema } };
  return { 200: { description, content } };
}

/**
 * The answer of a file served in byte ranges (a lesson's video, which players seek in by asking for ranges): the whole
 * file (200); the part a `Range` request asked for (206 Partial Content, its bytes named by `Content-Range`); or 416
 * with no body when the range lies outside the file (its `Content-Range` gives the size).
 */
export function rangedFileResponse<const T extends readonly [string, ...string[]]>(contentTypes: T, description: string) {
  const whole = fileResponse(contentTypes, description)[200];
  return {
    200: whole,
    206: { description: `${description}的一段（Range 请求；Content-Range 标明字节范围）`, content: whole.content },
    416: { description: '请求的字节范围不在文件内（Content-Range 标明文件大小；无正文）', content: {} },
  };
}

/**
 * The answer of a route that only redirects the browser (the sign-in with the identity provider): a 302 with a
 * `Location` and no body, which fastify sends without running the serializer, so the entry only documents.
 */
export function redirectResponse(description: string) {
  return { 302: { description, content: {} } };
}

/** `GET /api/openapi.json`: the OpenAPI document of the API, passed through as generated. */
export const openApiDocumentSchema = z.looseObject({});
