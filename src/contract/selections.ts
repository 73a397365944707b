/** The 竞争聘用 API (src/server/modules/selections): the enterprise's selections, the bureau's view, the public 公示. */
import { z } from 'zod';
import { dictKeys } from '../domain/enterprise';
import { pageOf } from './common';
import { SELECTION_STATUSES } from '../domain/selection';

export const selectionStatusSchema = z.enum(dictKeys(SELECTION_STATUSES));
const day = z.string();
const criteria = z.array(z.object({ name: z.string(), weight: z.number() }));

/** `GET /api/selections` items. */
export const selectionSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  status: selectionStatusSchema,
  enterpriseName: z.string(),
  publicityStart: day.nullable(),
  publicityEnd: day.nullable(),
  createdAt: z.date(),
  candidates: z.number(),
  openObjections: z.number(),
});
/** `GET /api/selections`: a page of them, newest first. */
export const selectionPageSchema = pageOf(selectionSummarySchema);

export const selectionCandidateSchema = z.object({
  /** bureaus only */
  personId: z.number().nullable(),
  /** the enterprise only: its own candidate id */
  candidateId: z.number().nullable(),
  name: z.string(),
  idNumberMasked: z.string(),
  scores: z.array(z.number()).nullable(),
  total: z.number().nullable(),
  rank: z.number().nullable(),
});

export const selectionObjectionSchema = z.object({
  id: z.number(),
  body: z.string(),
  contact: z.string().nullable(),
  filedAt: z.date(),
  answer: z.string().nullable(),
  answeredAt: z.date().nullable(),
});

/** `GET /api/selections/:id`, and the answer of every change to a selection. */
export const selectionDetailSchema = z.object({
  id: z.number(),
  version: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  orgUnitName: z.string(),
  title: z.string(),
  criteria,
  panel: z.array(z.string()),
  status: selectionStatusSchema,
  selectedPersonId: z.number().nullable(),
  selectedCandidateId: z.number().nullable(),
  resultNote: z.string().nullable(),
  publicityStart: day.nullable(),
  publicityEnd: day.nullable(),
  publishedAt: z.date().nullable(),
  concludedAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.date(),
  candidates: z.array(selectionCandidateSchema),
  objections: z.array(selectionObjectionSchema),
  filing: z.object({ id: z.number(), status: z.string() }).nullable(),
  canEdit: z.boolean(),
  canPublish: z.boolean(),
  canAnswer: z.boolean(),
  canConclude: z.boolean(),
  canCancel: z.boolean(),
});

/** `GET /api/public/selections`: the selections in their publicity period. */
export const publicSelectionListSchema = z.object({
  items: z.array(z.object({ id: z.number(), title: z.string(), enterpriseName: z.string(), publicityStart: day.nullable(), publicityEnd: day.nullable() })),
});

/** `GET /api/public/selections/:id`: names masked, no ID data. */
export const publicSelectionSchema = z.object({
  id: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  criteria,
  panelSize: z.number(),
  candidates: z.array(z.object({ name: z.string(), total: z.number().nullable(), rank: z.number().nullable(), selected: z.boolean() })),
  selectedName: z.string().nullable(),
  resultNote: z.string().nullable(),
  publicityStart: day.nullable(),
  publicityEnd: day.nullable(),
  objectionsOpen: z.boolean(),
  objections: z.object({ filed: z.number(), answered: z.number() }),
});
