import type { ServerModule } from '../module';

/** The study-hours ledger: no routes or jobs of its own; study, training and filings write and read it. */
export const studyLedgerModule: ServerModule = { name: 'study-ledger' };
