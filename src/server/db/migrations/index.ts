import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_enterprises';
import * as m0003 from './0003_enterprise_change_requests';
import * as m0004 from './0004_filings';
import * as m0005 from './0005_certificates';
import * as m0006 from './0006_notifications';
import * as m0007 from './0007_review_acknowledgement';
import * as m0008 from './0008_qualifications';
import * as m0009 from './0009_officer_invitations';
import * as m0010 from './0010_study_ledger';
import * as m0011 from './0011_training_classes';
import * as m0012 from './0012_training_plans';
import * as m0013 from './0013_self_study';
import * as m0014 from './0014_coverage';
import * as m0015 from './0015_duty_blacklist';
import * as m0016 from './0016_community';
import * as m0017 from './0017_community_cases';
import * as m0018 from './0018_community_links';
import * as m0019 from './0019_community_post_edits';
import * as m0020 from './0020_stored_files';
import * as m0021 from './0021_job_singletons';
import * as m0022 from './0022_integrity';
import * as m0023 from './0023_person_identity';
import * as m0024 from './0024_eligibility_overrides';
import * as m0025 from './0025_security';
import * as m0026 from './0026_key_fingerprints';
import * as m0028 from './0028_notification_deliveries';
import * as m0029 from './0029_officer_home';
import * as m0030 from './0030_policy_measures';
import * as m0031 from './0031_selection_exit_treatment_draws';
import * as m0033 from './0033_candidate_ids_account_study';
import * as m0034 from './0034_identity_provider';
import * as m0036 from './0036_contact_version';
import * as m0038 from './0038_crypto_profiles';
import * as m0040 from './0040_assessment_schemes';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_enterprises': m0002,
  '0003_enterprise_change_requests': m0003,
  '0004_filings': m0004,
  '0005_certificates': m0005,
  '0006_notifications': m0006,
  '0007_review_acknowledgement': m0007,
  '0008_qualifications': m0008,
  '0009_officer_invitations': m0009,
  '0010_study_ledger': m0010,
  '0011_training_classes': m0011,
  '0012_training_plans': m0012,
  '0013_self_study': m0013,
  '0014_coverage': m0014,
  '0015_duty_blacklist': m0015,
  '0016_community': m0016,
  '0017_community_cases': m0017,
  '0018_community_links': m0018,
  '0019_community_post_edits': m0019,
  '0020_stored_files': m0020,
  '0021_job_singletons': m0021,
  '0022_integrity': m0022,
  '0023_person_identity': m0023,
  '0024_eligibility_overrides': m0024,
  '0025_security': m0025,
  '0026_key_fingerprints': m0026,
  '0028_notification_deliveries': m0028,
  '0029_officer_home': m0029,
  '0030_policy_measures': m0030,
  '0031_selection_exit_treatment_draws': m0031,
  '0033_candidate_ids_account_study': m0033,
  '0034_identity_provider': m0034,
  '0038_crypto_profiles': m0038,
  '0036_contact_version': m0036,
  '0040_assessment_schemes': m0040,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
