import type { Kysely } from 'kysely';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { maySeeNames } from '../identity/links';
import type { Notice, Notifier } from '../notifications/notifier';
import { realNames } from './access';

/**
 * An officer account whose identity the bureau has not confirmed reads public boards and the case library but sees
 * no names of other people (issue 16 item 1): authors, their enterprises and @mentions are masked on the server,
 * so a stranger who registers with someone's ID number learns nobody's name. Its own posts keep its name.
 */
export const MASKED_NAME = '某会员';

export async function hidesNames(db: Kysely<DB>, caller: SessionAccount): Promise<boolean> {
  return !(await maySeeNames(db, caller));
}

/**
 * Sends a notice that names someone (an author): officer accounts whose identity is not yet linked get it with the
 * name masked, everyone else with the name.
 */
export async function notifyNaming(
  db: Kysely<DB>,
  notifier: Notifier,
  accountIds: readonly number[],
  name: string,
  notice: (name: string) => Notice,
): Promise<void> {
  const { see, masked } = await bySightOfNames(db, accountIds);
  await notifier.notify(db, see, notice(name));
  if (masked.length > 0) await notifier.notify(db, masked, notice(MASKED_NAME));
}

/** Accounts split into those that may see names and the officer accounts whose identity is not yet linked. */
async function bySightOfNames(db: Kysely<DB>, accountIds: readonly number[]): Promise<{ see: number[]; masked: number[] }> {
  if (accountIds.length === 0) return { see: [], masked: [] };
  const rows = await db
    .selectFrom('accounts as a')
    .leftJoin('persons as p', 'p.account_id', 'a.id')
    .select(['a.id', 'a.role', 'p.id as personId'])
    .where('a.id', 'in', [...accountIds])
    .execute();
  const masked = new Set(rows.filter((r) => r.role === 'officer' && r.personId === null).map((r) => r.id));
  return { see: accountIds.filter((id) => !masked.has(id)), masked: accountIds.filter((id) => masked.has(id)) };
}

/** A forum item as the caller may see its author. */
export function maskAuthor<T extends { authorName: string | null; authorOrg?: string | null }>(item: T, hide: boolean, mine: boolean): T {
  if (!hide || mine) return item;
  return { ...item, authorName: MASKED_NAME, ...('authorOrg' in item ? { authorOrg: null } : {}) };
}

/**
 * Post bodies with the @names of the accounts they mention replaced (the composer writes `@<name>` into the text
 * and keeps the account ids in `community_posts.mentions`).
 */
export async function maskMentions<T extends { bodyHtml: string; mentions: readonly number[] }>(db: Kysely<DB>, posts: readonly T[]): Promise<T[]> {
  const names = await realNames(
    db,
    posts.flatMap((p) => p.mentions.map(Number)),
  );
  return posts.map((p) => {
    let html = p.bodyHtml;
    for (const id of p.mentions) {
      const name = names.get(Number(id))?.name;
      if (name) html = html.split(`@${escapeHtml(name)}`).join(`@${MASKED_NAME}`);
    }
    return { ...p, bodyHtml: html };
  });
}

/** Search hits of the forum with the names of the accounts their posts mention masked in the snippet. */
export async function maskSnippetMentions<T extends { source: string; id: number; snippet: { text: string; hit: boolean }[] }>(
  db: Kysely<DB>,
  hits: readonly T[],
): Promise<T[]> {
  const postIds = hits.filter((h) => h.source === 'forum').map((h) => h.id);
  if (postIds.length === 0) return [...hits];
  const rows = await db.selectFrom('community_posts').select(['id', 'mentions']).where('id', 'in', postIds).execute();
  const mentions = new Map(rows.map((r) => [r.id, r.mentions.map(Number)]));
  const names = await realNames(db, [...mentions.values()].flat());
  return hits.map((h) => {
    const hidden = h.source === 'forum' ? (mentions.get(h.id) ?? []).map((id) => names.get(id)?.name).filter((n): n is string => Boolean(n)) : [];
    if (hidden.length === 0) return h;
    return { ...h, snippet: h.snippet.map((seg) => ({ ...seg, text: hidden.reduce((text, name) => text.split(name).join(MASKED_NAME), seg.text) })) };
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
