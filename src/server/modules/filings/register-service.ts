import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import { bulkReview, type BulkReviewInput } from './bulk-review';
import { withIdNumberHash, type FilingFilter } from './register';
import type { FilingDecisionService } from './decision-service';
import type { FilingViews } from './views';

/**
 * The filing register (备案台账): its list and export, where a keyword that is a whole valid ID number is looked up
 * by its keyed hash, and the bulk review of filings picked from it.
 */
export class FilingRegisterService {
  constructor(
    private readonly db: Database,
    private readonly crypto: CryptoService,
    private readonly filings: FilingViews,
    private readonly decisions: FilingDecisionService,
  ) {}

  list(caller: SessionAccount, filter: FilingFilter, page: number, pageSize: number) {
    return this.filings.list(caller, withIdNumberHash(filter, this.crypto), page, pageSize);
  }

  exportRows(caller: SessionAccount, filter: FilingFilter) {
    return this.filings.exportRows(caller, withIdNumberHash(filter, this.crypto));
  }

  bulkReview(caller: SessionAccount, actor: Actor, input: BulkReviewInput) {
    return bulkReview(this.db, this.decisions, caller, actor, input);
  }
}
