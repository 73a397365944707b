/**
 * Query keys, one factory per area. Every key an area's `all` names starts with it, so invalidating `all` refreshes
 * that area's lists, counts and details at once; `list(query)` is a list page under its address-bar query. A few
 * keys have a prefix of their own on purpose (a record's page, `filing(id)`, `enterprise(id)`, `communityCase(id)`):
 * a list's refresh leaves them alone. No `queryKey` is written as a literal elsewhere.
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
  /** the signed-in session and the site's public settings: kept when the session changes (everything else is dropped) */
  session: { me: ['me'] as const, site: ['site'] as const },
  loginOptions: ['login-options'] as const,
  totpSetup: ['totp-setup'] as const,
  orgUnits: { tree: ['org-units', 'tree'] as const, public: ['public-org-units'] as const },
  accounts: area('accounts'),
  resetRequests: area('account-reset-requests'),
  audit: { ...area('audit-events'), actions: ['audit-actions'] as const },
  settings: {
    all: ['settings'] as const,
    securityPolicy: ['settings', 'security-policy'] as const,
    system: ['settings', 'system'] as const,
  },
  jobs: { all: ['jobs'] as const },
  /** one background job's progress */
  job: (id: number) => ['job', id] as const,
  notifications: {
    all: ['notifications'] as const,
    count: ['notifications', 'count'] as const,
    latest: ['notifications', 'latest'] as const,
    page: (query: Query) => ['notifications', 'page', query] as const,
  },
  /** the delivery log (SMS, e-mail) of one sender's notices */
  notificationDeliveries: (url: string, query: Query) => ['notification-deliveries', url, query] as const,
  home: { todo: ['home', 'todo'] as const },
  contact: (url: string) => ['contact', url] as const,
  verify: (serial: string) => ['verify', serial] as const,
  public: {
    blacklistNotices: (q: string, page: number) => ['public', 'blacklist-notices', q, page] as const,
    awardEligibility: (uscc: string, level: string, asOf: string) => ['public', 'award-eligibility', uscc, level, asOf] as const,
    selections: ['public', 'selections'] as const,
    selection: (id: number) => ['public', 'selections', id] as const,
  },
  enterprises: { ...area('enterprises'), drawPicker: (q: string) => ['enterprises', 'draw-picker', q] as const },
  /** the enterprise detail page's record and cards */
  enterprise: (id: number) => ['enterprise', id] as const,
  enterpriseHistory: (id: number) => ['enterprise', id, 'history'] as const,
  /** an enterprise account's own enterprise (home page and 本企业信息) */
  enterpriseMine: ['enterprise-mine'] as const,
  registrations: area('enterprise-registrations'),
  changeRequests: { ...area('enterprise-change-requests'), byStatus: (status: string) => ['enterprise-change-requests', status] as const },
  filings: {
    ...area('filings'),
    count: (what: string) => ['filings', 'count', what] as const,
    mine: ['filings', 'mine'] as const,
    ofEnterprise: (enterpriseId: number) => ['filings', 'enterprise', enterpriseId] as const,
    activePicker: ['filings', 'active-picker'] as const,
    overrides: (year: number) => ['filings', 'overrides', year] as const,
    exits: (year: number) => ['filings', 'exits', year] as const,
    treatment: ['filings', 'treatment'] as const,
  },
  /** one filing (its page and the review drawer); `filingPages` is every one of them */
  filing: (id: number) => ['filing', id] as const,
  filingPages: ['filing'] as const,
  candidates: { ...area('candidates'), forSelection: ['candidates', 'for-selection'] as const },
  identity: { all: ['identity'] as const, requests: ['identity', 'requests'] as const, links: ['identity', 'links'] as const },
  officer: {
    profile: ['officer-profile'] as const,
    identity: ['officer-identity'] as const,
    /** an invitation by its token (null without one in the link: the query is disabled then) */
    invitation: (token: string | null) => ['officer-invitation', token] as const,
    /** a person's titles and qualifications, by the path of the person (or candidate) they belong to */
    qualifications: (subjectPath: string) => ['person-qualifications', subjectPath] as const,
  },
  eligibilityRules: ['eligibility-rules'] as const,
  awardSchemes: ['award-schemes'] as const,
  workingCalendar: ['working-calendar'] as const,
  certificates: area('certificate-register'),
  officerRoster: area('officer-roster'),
  dutyRecords: area('duty-records'),
  expertPool: { ...area('expert-pool'), mine: ['expert-pool', 'mine'] as const, drawCandidates: ['expert-pool', 'draw-candidates'] as const },
  expertDraws: {
    all: ['expert-draws'] as const,
    page: (page: number) => ['expert-draws', page] as const,
    /** a drawer's draw (null while none is open: the query is disabled then) */
    detail: (id: number | null) => ['expert-draws', 'detail', id] as const,
  },
  sanctions: area('sanctions'),
  assessment: {
    all: ['assessment'] as const,
    schemes: ['assessment', 'schemes'] as const,
    scheme: (year: number) => ['assessment', 'scheme', year] as const,
    results: (query: Query) => ['assessment', 'results', query] as const,
  },
  coverage: {
    all: ['coverage'] as const,
    targets: ['coverage', 'targets'] as const,
    segments: ['coverage', 'segments'] as const,
    overview: (query: Query) => ['coverage', 'overview', query] as const,
    trend: (query: Query) => ['coverage', 'trend', query] as const,
    scorecard: (query: Query) => ['coverage', 'scorecard', query] as const,
  },
  /** under ['coverage'] */
  worklists: { all: ['coverage', 'worklist'] as const, list: (query: Query) => ['coverage', 'worklist', query] as const },
  /** 培训 (classes, rosters, instructors, surveys): every key under ['training'], which a class change invalidates */
  training: {
    all: ['training'] as const,
    class: (id: number) => ['training', 'class', id] as const,
    roster: (classId: number) => ['training', 'roster', classId] as const,
    instructors: ['training', 'instructors'] as const,
    trainers: ['training', 'trainers'] as const,
    overview: (year: number) => ['training', 'overview', year] as const,
    mine: ['training', 'me'] as const,
    open: ['training', 'open'] as const,
    signInCode: (sessionId: number) => ['training', 'sign-in-code', sessionId] as const,
    surveyReport: (classId: number) => ['training', 'survey-report', classId] as const,
  },
  /** under ['training'] */
  trainingClasses: { all: ['training', 'classes'] as const, list: (query: Query) => ['training', 'classes', query] as const },
  trainingPlans: {
    all: ['training-plans'] as const,
    list: (query: Query) => ['training-plans', 'list', query] as const,
    overview: (year: number) => ['training-plans', 'overview', year] as const,
    plan: (id: string) => ['training-plans', 'plan', id] as const,
  },
  curricula: {
    all: ['training-curricula'] as const,
    list: ['training-curricula', 'list'] as const,
    own: (orgUnitId: number) => ['training-curricula', 'own', orgUnitId] as const,
    detail: (id: string) => ['training-curricula', id] as const,
    versions: (id: string) => ['training-curricula', id, 'versions'] as const,
  },
  materials: { all: ['training-materials'] as const, list: (query: Query) => ['training-materials', query] as const },
  countyMerges: { all: ['training-merges'] as const, list: (filter: string) => ['training-merges', filter] as const },
  /** 在线学习: each kind of study record has a prefix of its own */
  study: {
    catalogue: ({ q, level, required }: { q?: string; level?: string; required?: string }, page: number) =>
      ['study-catalogue', q, level, required, page] as const,
    myCourses: ['study-my-courses'] as const,
    manage: ['study-manage'] as const,
    course: (id: number) => ['study-course', id] as const,
    lessonEdit: (lessonId: number) => ['study-lesson-edit', lessonId] as const,
    overview: (year: number) => ['study-overview', year] as const,
    claims: ['study-claims'] as const,
    claimsByStatus: (status: string) => ['study-claims', status] as const,
    myClaims: ['study-claims-mine'] as const,
    onlineRules: ['study-online-rules'] as const,
    account: (year: number) => ['study-account', year] as const,
    transcripts: ['study-transcripts'] as const,
    settings: ['study-settings'] as const,
  },
  /** 交流分享 (boards, threads, organisations, moderation): every key under ['community'] */
  community: {
    all: ['community'] as const,
    boards: ['community', 'boards'] as const,
    board: (id: number, page: number) => ['community', 'board', id, page] as const,
    thread: (id: number, page: number) => ['community', 'thread', id, page] as const,
    organisations: ['community', 'organisations'] as const,
    organisation: (id: number) => ['community', 'organisation', id] as const,
    members: (organisationId: number) => ['community', 'members', organisationId] as const,
    queue: ['community', 'queue'] as const,
    words: ['community', 'words'] as const,
    search: (q: string, page: number, filters: Query) => ['community', 'search', q, page, filters] as const,
  },
  caseReview: area('community-case-review'),
  /** the case library (a case's own page is `communityCase(id)`) */
  communityCases: {
    ...area('community-cases'),
    mine: ['community-my-cases'] as const,
    credits: ['community-credits'] as const,
    creditRule: ['community-credit-rule'] as const,
  },
  communityCase: (id: number) => ['community-case', id] as const,
  /** the event lists (an event's own page is under `communityEvent`) */
  communityEvents: area('community-events'),
  /** one event's page (`all`: every event's), its attendance, its check-in code, and who may host events */
  communityEvent: {
    all: ['community-event'] as const,
    detail: (id: number) => ['community-event', id] as const,
    attendance: (id: number) => ['community-event-attendance', id] as const,
    token: (id: number) => ['community-event-token', id] as const,
    hosts: ['community-event-hosts'] as const,
  },
  identityLinks: area('identity-links'),
  /** 竞争聘用 (the detail page's key is `detail(id)`) */
  selections: area('selections'),
} as const;
