import { hasPermission, type Role } from './permissions';

/**
 * Who opens the documents of a filing (the authorisation letter, qualification evidence, the filing proof): the
 * enterprise and the officer it names, and the bureaus that review filings, each within its own scope. A department
 * reads filings to follow coverage in its industries, not the evidence and documents behind them (issue 17 item 2).
 */
export function opensFilingDocuments(role: Role): boolean {
  return hasPermission(role, 'filings:review') || hasPermission(role, 'filings:manage') || hasPermission(role, 'officer_profile:manage');
}

/** Lesson media go to learners and to the bureaus that manage courses, not to every role whose region holds the course. */
export function opensLessonMedia(role: Role): boolean {
  return hasPermission(role, 'study:learn') || hasPermission(role, 'study:manage');
}
