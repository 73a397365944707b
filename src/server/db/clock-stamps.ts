import {
  ColumnNode,
  InsertQueryNode,
  PrimitiveValueListNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { clock } from '../clock';

/**
 * The timestamp columns whose database default is `now()`, per table. A row the application inserts
 * through Kysely gets these from `clock.now()` instead, so record times follow the injectable clock
 * (tests set the date; a suite run two years ahead stays consistent). `jobs` is left out on purpose:
 * its lease and schedule times are the database's, so several nodes agree. A test compares this list
 * with the migrated schema.
 */
export const CLOCK_STAMPED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  account_reset_requests: ['requested_at'],
  account_identities: ['created_at'],
  accounts: ['created_at', 'password_changed_at', 'updated_at'],
  assessment_schemes: ['created_at'],
  award_condition_schemes: ['created_at'],
  blacklist_notices: ['published_at'],
  candidates: ['created_at', 'updated_at'],
  case_attachments: ['created_at'],
  cases: ['created_at', 'updated_at'],
  certificates: ['issued_at'],
  community_boards: ['created_at', 'updated_at'],
  community_event_photos: ['created_at'],
  community_event_registrations: ['registered_at'],
  community_events: ['created_at', 'updated_at'],
  community_files: ['created_at'],
  community_likes: ['created_at'],
  community_members: ['created_at', 'updated_at'],
  community_organisations: ['created_at', 'updated_at'],
  community_post_edits: ['edited_at'],
  community_posts: ['created_at', 'updated_at'],
  community_reports: ['created_at'],
  community_sensitive_words: ['created_at'],
  community_subscriptions: ['created_at'],
  community_threads: ['created_at', 'last_posted_at', 'updated_at'],
  county_training_settings: ['updated_at'],
  courses: ['created_at', 'updated_at'],
  coverage_segments: ['created_at', 'updated_at'],
  coverage_targets: ['updated_at'],
  duty_records: ['created_at', 'updated_at'],
  competitive_selections: ['created_at', 'updated_at'],
  eligibility_rules: ['created_at'],
  enterprise_change_requests: ['created_at'],
  enterprise_changes: ['changed_at'],
  enterprise_registrations: ['created_at'],
  enterprises: ['created_at', 'updated_at'],
  expert_draw_batches: ['created_at'],
  expert_draws: ['created_at'],
  expert_pool_members: ['created_at', 'updated_at'],
  filing_rounds: ['submitted_at'],
  filings: ['created_at', 'updated_at'],
  key_fingerprints: ['recorded_at'],
  lesson_progress: ['updated_at'],
  lessons: ['created_at'],
  notification_deliveries: ['created_at'],
  notifications: ['created_at'],
  officer_invitations: ['created_at'],
  org_units: ['created_at', 'updated_at'],
  person_link_requests: ['created_at'],
  person_qualifications: ['created_at'],
  persons: ['created_at', 'updated_at'],
  quiz_attempts: ['created_at'],
  sanction_appeals: ['created_at'],
  selection_candidates: ['added_at'],
  selection_objections: ['filed_at'],
  sanctions: ['created_at', 'proposed_at', 'updated_at'],
  sessions: ['created_at', 'last_seen_at'],
  settings: ['updated_at'],
  study_claims: ['created_at'],
  study_leases: ['taken_at'],
  study_ledger_entries: ['created_at', 'updated_at'],
  study_online_rules: ['updated_at'],
  study_sessions: ['opened_at'],
  supervision_attachments: ['created_at'],
  training_attendance: ['updated_at'],
  training_classes: ['created_at', 'updated_at'],
  training_curricula: ['created_at', 'updated_at'],
  training_curriculum_versions: ['created_at'],
  training_enrolments: ['created_at', 'updated_at'],
  training_instructors: ['created_at', 'updated_at'],
  training_materials: ['created_at', 'updated_at'],
  training_plan_comments: ['created_at'],
  training_plans: ['created_at', 'updated_at'],
  training_survey_responses: ['submitted_at'],
  working_calendar_years: ['updated_at'],
};

function stamp(node: InsertQueryNode): InsertQueryNode {
  const table = node.into?.table.identifier.name;
  const stamped = table ? CLOCK_STAMPED_COLUMNS[table] : undefined;
  if (!stamped || !node.columns || !node.values || !ValuesNode.is(node.values)) return node;
  const present = new Set(node.columns.map((c) => c.column.name));
  const missing = stamped.filter((c) => !present.has(c));
  if (missing.length === 0) return node;
  const now = clock.now();
  const rows = node.values.values.map((row) =>
    PrimitiveValueListNode.is(row)
      ? PrimitiveValueListNode.create([...row.values, ...missing.map(() => now)])
      : ValueListNode.create([...row.values, ...missing.map(() => ValueNode.create(now))]),
  );
  return InsertQueryNode.cloneWith(node, {
    columns: [...node.columns, ...missing.map((c) => ColumnNode.create(c))],
    values: ValuesNode.create(rows),
  });
}

/** Fills the clock-stamped columns of every Kysely insert that does not set them itself. */
export class ClockStampsPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return InsertQueryNode.is(args.node) ? stamp(args.node) : args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
