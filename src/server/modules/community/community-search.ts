import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { CommunityView, requireCommunity } from './access';
import { hidesNames, maskAuthor, maskSnippetMentions } from './name-mask';
import { forumSource, search, type SearchFilters, type SearchSource } from './search';

/** The community's unified search: the forum and what other modules lend it, as the caller may read them. */
export class CommunitySearch {
  constructor(
    private readonly db: Database,
    /** the search reads the replica when there is one */
    private readonly dbRead: Database,
    private readonly otherSources: readonly SearchSource[],
  ) {}

  async find(caller: SessionAccount, q: string, filters: SearchFilters, page: number, pageSize: number) {
    requireCommunity(caller);
    const found = await search(this.dbRead, await CommunityView.load(this.db, caller), q, filters, page, Math.min(pageSize, 50), [
      forumSource,
      ...this.otherSources,
    ]);
    // an unlinked account sees no authors' names
    const hide = await hidesNames(this.db, caller);
    if (!hide) return found;
    return { ...found, items: (await maskSnippetMentions(this.db, found.items)).map((hit) => maskAuthor(hit, true, false)) };
  }
}
