import { sql, type Kysely } from 'kysely';

/**
 * Authors edit their topics and replies: `community_posts.edited_at` marks an edited post (「已编辑」) and
 * `community_post_edits` keeps what each edit replaced (the previous title of an opening post, the previous
 * body and status), who edited and when, for the moderators.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table community_posts add column edited_at timestamptz`.execute(db);
  await sql`
    create table community_post_edits (
      id bigint generated always as identity primary key,
      post_id bigint not null references community_posts(id),
      editor_account_id bigint not null references accounts(id),
      previous_title text,
      previous_body_html text not null,
      previous_status text not null check (previous_status in ('published', 'pending', 'hidden', 'rejected')),
      edited_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index community_post_edits_post on community_post_edits (post_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table community_post_edits`.execute(db);
  await sql`alter table community_posts drop column edited_at`.execute(db);
}
