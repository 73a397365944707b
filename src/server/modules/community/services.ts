import type { AppContext } from '../../context';
import { ForumBoards } from './boards';
import { CommunitySearch } from './community-search';
import { CommunityFiles } from './files';
import { ForumService } from './forum';
import { MembershipService } from './memberships';
import { ModerationService } from './moderation';
import { OrganisationService } from './organisations';
import { ForumPosting } from './posting';
import type { SearchSource } from './search';

/**
 * The community module's services, wired from the app context (routes never touch the database handle);
 * `otherSources` are the search sources other modules lend the community search (the case library).
 */
export function communityServices(ctx: AppContext, otherSources: readonly SearchSource[] = []) {
  return {
    orgs: new OrganisationService(ctx.db),
    memberships: new MembershipService(ctx.db),
    boards: new ForumBoards(ctx.db),
    posting: new ForumPosting(ctx.db),
    forum: new ForumService(ctx.db),
    moderation: new ModerationService(ctx.db),
    files: new CommunityFiles(ctx.db, ctx.files),
    search: new CommunitySearch(ctx.db, ctx.dbRead, otherSources),
  };
}
