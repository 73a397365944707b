import { sql, type Kysely } from 'kysely';

/**
 * Community (交流分享): organisations (联盟 / 之家) with members, boards with read/post rules, threads and
 * their posts (the opening post and replies, one table so search and the thread page read one index each),
 * likes, follows, reports, a sensitive-word list and uploaded images/attachments.
 *
 * `community_posts.search` holds `to_tsvector('simple', <jieba-segmented title + text>)`, written by the
 * application (src/server/search/chinese-text.ts), with a GIN index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table community_organisations (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('alliance', 'club')),
      level text not null check (level in ('province', 'city', 'industry')),
      name text not null,
      description text,
      org_unit_id bigint not null references org_units(id),
      industry_section text,
      status text not null default 'active' check (status in ('active', 'closed')),
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (name)
    )`.execute(db);
  await sql`
    create table community_members (
      id bigint generated always as identity primary key,
      organisation_id bigint not null references community_organisations(id),
      account_id bigint not null references accounts(id),
      is_admin boolean not null default false,
      role text not null default 'member' check (role in ('president', 'vice_president', 'secretariat', 'member')),
      status text not null check (status in ('applied', 'invited', 'active', 'rejected', 'left', 'removed')),
      message text,
      banned_until timestamptz,
      ban_reason text,
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organisation_id, account_id)
    )`.execute(db);
  await sql`create index community_members_account on community_members (account_id) where status = 'active'`.execute(db);
  await sql`
    create table community_boards (
      id bigint generated always as identity primary key,
      organisation_id bigint references community_organisations(id),
      name text not null,
      description text,
      read_access text not null default 'all' check (read_access in ('all', 'members')),
      post_access text not null default 'all' check (post_access in ('all', 'members', 'admins')),
      moderation text not null default 'post' check (moderation in ('post', 'pre')),
      sort integer not null default 0,
      status text not null default 'active' check (status in ('active', 'closed')),
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table community_threads (
      id bigint generated always as identity primary key,
      board_id bigint not null references community_boards(id),
      kind text not null default 'discussion' check (kind in ('discussion', 'question')),
      title text not null,
      author_account_id bigint not null references accounts(id),
      status text not null default 'published' check (status in ('published', 'pending', 'hidden', 'rejected')),
      locked boolean not null default false,
      pinned boolean not null default false,
      featured boolean not null default false,
      accepted_post_id bigint,
      reply_count integer not null default 0,
      last_posted_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index community_threads_board on community_threads (board_id, pinned desc, last_posted_at desc)`.execute(db);
  await sql`
    create table community_posts (
      id bigint generated always as identity primary key,
      thread_id bigint not null references community_threads(id),
      board_id bigint not null references community_boards(id),
      is_opening boolean not null default false,
      author_account_id bigint not null references accounts(id),
      author_name text not null,
      author_org text,
      author_industry text,
      body_html text not null,
      body_text text not null,
      search tsvector not null,
      mentions bigint[] not null default '{}',
      status text not null default 'published' check (status in ('published', 'pending', 'hidden', 'rejected')),
      status_reason text,
      like_count integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index community_posts_thread on community_posts (thread_id, id)`.execute(db);
  await sql`create index community_posts_search on community_posts using gin (search)`.execute(db);
  await sql`create index community_posts_pending on community_posts (board_id) where status = 'pending'`.execute(db);
  await sql`alter table community_threads add constraint community_threads_accepted foreign key (accepted_post_id) references community_posts(id)`.execute(db);
  await sql`
    create table community_likes (
      post_id bigint not null references community_posts(id),
      account_id bigint not null references accounts(id),
      created_at timestamptz not null default now(),
      primary key (post_id, account_id)
    )`.execute(db);
  await sql`
    create table community_subscriptions (
      thread_id bigint not null references community_threads(id),
      account_id bigint not null references accounts(id),
      created_at timestamptz not null default now(),
      primary key (thread_id, account_id)
    )`.execute(db);
  await sql`
    create table community_reports (
      id bigint generated always as identity primary key,
      post_id bigint not null references community_posts(id),
      reporter_account_id bigint not null references accounts(id),
      reason text not null,
      status text not null default 'open' check (status in ('open', 'upheld', 'dismissed')),
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      unique (post_id, reporter_account_id)
    )`.execute(db);
  await sql`create index community_reports_open on community_reports (post_id) where status = 'open'`.execute(db);
  await sql`
    create table community_sensitive_words (
      id bigint generated always as identity primary key,
      organisation_id bigint references community_organisations(id),
      word text not null,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index community_sensitive_words_unique on community_sensitive_words (coalesce(organisation_id, 0), lower(word))`.execute(db);
  await sql`
    create table community_files (
      id bigint generated always as identity primary key,
      post_id bigint references community_posts(id),
      uploader_account_id bigint not null references accounts(id),
      file_ref text not null,
      name text not null,
      bytes integer not null,
      is_image boolean not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index community_files_post on community_files (post_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['community_files', 'community_sensitive_words', 'community_reports', 'community_subscriptions', 'community_likes']) {
    await sql.raw(`drop table ${t}`).execute(db);
  }
  await sql`alter table community_threads drop constraint community_threads_accepted`.execute(db);
  for (const t of ['community_posts', 'community_threads', 'community_boards', 'community_members', 'community_organisations']) {
    await sql.raw(`drop table ${t}`).execute(db);
  }
}
