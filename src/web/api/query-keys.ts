/**
 * Query keys, one factory per area. Every key of an area starts with its `all`, so invalidating `all` refreshes
 * that area's lists, counts and details at once; `list(query)` is a list page under its address-bar query.
 */
type Query = Record<string, unknown>;

function area<A extends string>(name: A) {
  return {
    all: [name] as const,
    list: (query: Query) => [name, query] as const,
    detail: (id: number) => [name, 'detail', id] as const,
  };
}

export const queryKeys = {
  accounts: area('accounts'),
  audit: { ...area('audit-events'), actions: ['audit-actions'] as const },
  enterprises: area('enterprises'),
  /** the enterprise detail page's record and cards */
  enterprise: (id: number) => ['enterprise', id] as const,
  registrations: area('enterprise-registrations'),
  changeRequests: area('enterprise-change-requests'),
  filings: { ...area('filings'), count: (what: string) => ['filings', 'count', what] as const, mine: ['filings', 'mine'] as const },
  /** one filing (its page and the review drawer) */
  filing: (id: number) => ['filing', id] as const,
  candidates: area('candidates'),
  certificates: area('certificate-register'),
  officerRoster: area('officer-roster'),
  dutyRecords: area('duty-records'),
  expertPool: { ...area('expert-pool'), mine: ['expert-pool', 'mine'] as const },
  sanctions: area('sanctions'),
  /** under ['training'], which class changes invalidate */
  trainingClasses: { all: ['training', 'classes'] as const, list: (query: Query) => ['training', 'classes', query] as const },
  /** under ['coverage'] */
  worklists: { all: ['coverage', 'worklist'] as const, list: (query: Query) => ['coverage', 'worklist', query] as const },
  trainingPlans: {
    all: ['training-plans'] as const,
    list: (query: Query) => ['training-plans', 'list', query] as const,
    overview: (year: number) => ['training-plans', 'overview', year] as const,
  },
  /** 交流分享 (boards, threads, organisations, moderation): every key under ['community'] */
  community: { all: ['community'] as const },
  caseReview: area('community-case-review'),
  /** the case library (its detail stays under ['community-case', id]) */
  communityCases: area('community-cases'),
  /** under ['community-events'] */
  communityEvents: area('community-events'),
  identityLinks: area('identity-links'),
  resetRequests: area('account-reset-requests'),
  /** 竞争聘用 (the detail page's key is `detail(id)`) */
  selections: area('selections'),
} as const;
