import { idNumberCheckCharacter } from '../../../domain/id-number';
import { multipartBody } from '../enterprises/fixtures';
import type { TestApp } from '../../testing/test-app';

/** A minimal real PDF, as an enterprise's scanned 授权书 would be. */
export const LETTER_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export async function attachLetter(t: TestApp, headers: Record<string, string>, filingId: number): Promise<void> {
  const { payload, headers: h } = multipartBody('授权书.pdf', LETTER_PDF);
  const res = await t.app.inject({ method: 'POST', url: `/api/filings/${filingId}/authorization-letter`, headers: { ...headers, ...h }, payload });
  if (res.statusCode !== 200) throw new Error(`letter upload failed: ${res.statusCode} ${res.body}`);
}

/** A candidate officer of the calling enterprise, from the first 17 digits of an ID number; returns the person's id. */
export async function createCandidate(t: TestApp, headers: Record<string, string>, name: string, idBody: string): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/candidates',
    headers,
    payload: { name, idNumber: idBody + idNumberCheckCharacter(idBody), education: 'bachelor', qualityYears: 8, positionTitle: '质量总监', positionLevel: 'manager' },
  });
  if (res.statusCode !== 201) throw new Error(`candidate failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: number }>().id;
}
