import crypto from 'node:crypto';
import { idNumberCheckCharacter } from '../../domain/id-number';
import { DEMO_ENTERPRISE_ACCOUNT } from '../demo/enterprises';
import { dayFromToday } from './dates';
import { LETTER_PDF, multipartBody } from './files';
import { send } from './http';
import type { TestApp } from './test-app';

/**
 * Test data factories: each test makes the records it asserts on, through the same routes a user would use, so the
 * records hold every invariant the application keeps (encryption, hashes, versions, audit) and a failing step says
 * which request failed and why instead of leaving a half-made record for a later assertion to trip over.
 */

type Headers = Record<string, string>;

/** A valid ID number nobody else in this run has: born 1970–1994 in `regionCode`, with a random sequence code. */
export function newIdNumber(regionCode = '320583'): string {
  const born = new Date(Date.UTC(1970, 0, 1) + crypto.randomInt(0, 25 * 365) * 86_400_000);
  const body = `${regionCode}${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(crypto.randomInt(0, 1000)).padStart(3, '0')}`;
  return body + idNumberCheckCharacter(body);
}

/** A full ID number from its first 17 digits (tests that need a given region or birth date). */
export function idNumberFrom(first17: string): string {
  return first17 + idNumberCheckCharacter(first17);
}

/** Uploads the filing's 授权书 (a real PDF) as the enterprise. */
export async function attachLetter(t: TestApp, headers: Headers, filingId: number): Promise<void> {
  const { payload, headers: h } = multipartBody('授权书.pdf', LETTER_PDF);
  await send(t, { method: 'POST', url: `/api/filings/${String(filingId)}/authorization-letter`, headers: { ...headers, ...h }, payload }, 200);
}

export interface CandidateOptions {
  /** The enterprise's request headers; default the demo enterprise ent-kunshan-1 (昆山市). */
  enterprise?: Headers;
  name?: string;
  idNumber?: string;
  /** More or other fields of `POST /api/candidates` (e.g. `QUALITY_DIRECTOR`). */
  fields?: Record<string, unknown>;
}

/** A 质量总监 at manager level with 8 years in quality (instead of the default eligible 副总经理). */
export const QUALITY_DIRECTOR = { qualityYears: 8, positionTitle: '质量总监', positionLevel: 'manager' };

/** A candidate officer in the enterprise's pool (an eligible 副总经理 by default); returns the person's id. */
export async function createCandidate(t: TestApp, options: CandidateOptions = {}): Promise<number> {
  const enterprise = options.enterprise ?? (await t.as(DEMO_ENTERPRISE_ACCOUNT));
  const body = {
    name: options.name ?? '张质量',
    idNumber: options.idNumber ?? newIdNumber(),
    education: 'bachelor',
    qualityYears: 10,
    positionTitle: '副总经理',
    positionLevel: 'deputyGeneralManager',
    ...options.fields,
  };
  return (await send(t, { method: 'POST', url: '/api/candidates', headers: enterprise, payload: body }, 201)).id as number;
}

export type FilingStatus = 'draft' | 'submitted' | 'active' | 'returned';

export interface FilingOptions extends CandidateOptions {
  /** Where the filing ends: a draft, submitted for review, approved (`active`) or returned for correction. */
  status?: FilingStatus;
  /** The reviewing bureau's account (for `active` and `returned`); default the 昆山市 county bureau. */
  reviewer?: string;
  /** A candidate already in the pool (else one is made with `name`, `idNumber`, `fields`). */
  candidateId?: number;
  /** More or other fields of `POST /api/filings`. */
  filing?: Record<string, unknown>;
}

/**
 * A filing of the enterprise's CQO at the given stage, made as the enterprise and the bureau make one: the candidate,
 * the draft, the 授权书, the submission, and the bureau's decision.
 */
export async function createFiling(t: TestApp, options: FilingOptions = {}): Promise<{ id: number; personId: number }> {
  const enterprise = options.enterprise ?? (await t.as(DEMO_ENTERPRISE_ACCOUNT));
  const personId = options.candidateId ?? (await createCandidate(t, { ...options, enterprise }));
  const draft = await send(
    t,
    {
      method: 'POST',
      url: '/api/filings',
      headers: enterprise,
      payload: { candidateId: personId, appointmentDate: dayFromToday(-10), reportsToGeneralManager: true, vetoRight: true, ...options.filing },
    },
    201,
  );
  const id = draft.id as number;
  const status = options.status ?? 'active';
  if (status === 'draft') return { id, personId };
  await attachLetter(t, enterprise, id);
  await send(t, { method: 'POST', url: `/api/filings/${String(id)}/submit`, headers: enterprise }, 200);
  if (status === 'submitted') return { id, personId };
  const reviewer = await t.as(options.reviewer ?? 'kunshan');
  if (status === 'active') await send(t, { method: 'POST', url: `/api/filings/${String(id)}/approve`, headers: reviewer, payload: {} }, 200);
  else
    await send(t, { method: 'POST', url: `/api/filings/${String(id)}/return`, headers: reviewer, payload: { remarks: '授权书签字不清晰，请重新上传' } }, 200);
  return { id, personId };
}

/** The demo pair: ent-kunshan-1 with its active filing of officer-kunshan-1 (read from the demo data). */
export async function demoPair(t: TestApp) {
  return t.db
    .selectFrom('filings as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('accounts as oa', 'oa.id', 'p.account_id')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select([
      'f.id as filingId',
      'f.person_id as personId',
      'f.enterprise_id as enterpriseId',
      'e.uscc',
      'e.name as enterpriseName',
      'p.id_number_enc as idNumberEnc',
      'f.appointment_date as appointmentDate',
    ])
    .where('oa.username', '=', 'officer-kunshan-1')
    .where('f.status', '=', 'active')
    .executeTakeFirstOrThrow();
}
