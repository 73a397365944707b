import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-app';
import type { OpenedDatabase } from './database';
import { migrateDownAll, migrateToLatest } from './migrate';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => {
  await opened.close();
});

const tables = async () =>
  (
    await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(opened.db)
  ).rows
    .map((r) => r.table_name)
    .sort();

// one per line, sorted (JS order), so modules adding tables merge cleanly
const ALL_TABLES = [
  'account_identities',
  'account_reset_requests',
  'accounts',
  'assessment_schemes',
  'audit_events',
  'award_condition_schemes',
  'award_conditions',
  'blacklist_notices',
  'candidates',
  'case_attachments',
  'cases',
  'certificates',
  'community_boards',
  'community_event_photos',
  'community_event_registrations',
  'community_events',
  'community_files',
  'community_likes',
  'community_members',
  'community_organisations',
  'community_post_edits',
  'community_posts',
  'community_reports',
  'community_sensitive_words',
  'community_subscriptions',
  'community_threads',
  'competitive_selections',
  'county_training_settings',
  'courses',
  'coverage_counts',
  'coverage_monthly',
  'coverage_section_counts',
  'coverage_segments',
  'coverage_targets',
  'duty_records',
  'eligibility_rules',
  'enterprise_change_requests',
  'enterprise_changes',
  'enterprise_import_rows',
  'enterprise_registrations',
  'enterprises',
  'expert_draw_batches',
  'expert_draws',
  'expert_pool_members',
  'file_chunks',
  'filing_rounds',
  'filings',
  'jobs',
  'key_fingerprints',
  'lesson_progress',
  'lessons',
  'notification_daily_counts',
  'notification_deliveries',
  'notifications',
  'officer_invitations',
  'org_units',
  'person_link_requests',
  'person_qualifications',
  'persons',
  'quiz_attempts',
  'rate_limits',
  'sanction_appeals',
  'sanctions',
  'selection_candidates',
  'selection_objections',
  'sessions',
  'settings',
  'stored_files',
  'study_claims',
  'study_leases',
  'study_ledger_entries',
  'study_online_rules',
  'study_sessions',
  'supervision_attachments',
  'training_attendance',
  'training_class_instructors',
  'training_classes',
  'training_curricula',
  'training_curriculum_modules',
  'training_curriculum_versions',
  'training_enrolments',
  'training_instructors',
  'training_materials',
  'training_plan_classes',
  'training_plan_comments',
  'training_plans',
  'training_sessions',
  'training_survey_responses',
  'working_calendar_days',
  'working_calendar_years',
];

describe('migrations', () => {
  it('go down to nothing and up again', async () => {
    expect(await tables()).toEqual(ALL_TABLES);
    await migrateDownAll(opened.db);
    expect(await tables()).toEqual([]);
    await migrateToLatest(opened.db);
    expect(await tables()).toEqual(ALL_TABLES);
  }, 120_000); // 31 migrations down and up: about 25 s on a loaded shared machine

  it('return bigint counts as numbers on both drivers', async () => {
    const row = (await sql<{ n: unknown }>`select count(*) as n from accounts`.execute(opened.db)).rows[0];
    expect(typeof row?.n).toBe('number');
  });
});
