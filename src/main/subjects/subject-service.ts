import { AppError } from '../../shared/errors';
import type {
  SearchFacets,
  SearchFilters,
  SearchResults,
  SubjectProfile,
} from '../../shared/types';
import type { SqliteDatabase } from '../db/open';
import { SearchEngine } from '../search/search-engine';
import { readSearchFacets } from '../search/search-indexer';
import { parseSearchQuery } from '../search/search-query';
import type { WorkspaceService } from '../workspace/workspace-service';
import { rectifyCustomer, type RectifyRequest } from './rectify';
import { loadSubjectProfile } from './subject-profile';

/** Customer ids an audit entry names for one search: the first page an officer sees. */
const AUDITED_IDS = 50;

/**
 * Search, profiles and rectification for the open workspace, each leaving evidence: a search that
 * shows anyone and every profile view are audit entries (who, which records, when) that sync
 * carries to the central audit log. The query text itself is not recorded, since it is personal
 * data in its own right; the kind of query and the records it revealed are.
 */
export class SubjectService {
  private readonly engines = new WeakMap<SqliteDatabase, SearchEngine>();

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  search(input: { text: string; filters: SearchFilters; limit: number }): SearchResults {
    const { replica, audit } = this.workspace.requireOpen();
    const results = this.engine(replica.raw).search(input.text, input.filters, input.limit);
    if (results.hits.length > 0) {
      audit.record({
        actor: this.workspace.actor,
        action: 'search.results-shown',
        details: {
          queryKind: parseSearchQuery(input.text).kind,
          filters: input.filters,
          shown: results.hits.length,
          customerIds: results.hits.slice(0, AUDITED_IDS).map((h) => h.customerId),
        },
      });
    }
    return results;
  }

  facets(): SearchFacets {
    return readSearchFacets(this.workspace.requireOpen().replica.raw);
  }

  profile(customerId: number): SubjectProfile {
    const { replica, audit } = this.workspace.requireOpen();
    const profile = loadSubjectProfile(replica.raw, customerId);
    if (!profile) throw new AppError('NOT_FOUND', `Customer ${customerId} is not in the replica.`);
    audit.record({
      actor: this.workspace.actor,
      action: 'customer.viewed',
      subject: `customer:${customerId}`,
      details: { screen: 'profile' },
    });
    return profile;
  }

  /** Rectifies a field and answers with the profile as it now stands (the change pending). */
  rectify(request: RectifyRequest): SubjectProfile {
    const { replica, audit } = this.workspace.requireOpen();
    rectifyCustomer(replica.raw, audit, this.workspace.actor, request, this.now());
    const profile = loadSubjectProfile(replica.raw, request.customerId);
    if (!profile) throw new AppError('NOT_FOUND', `Customer ${request.customerId} disappeared.`);
    return profile;
  }

  private engine(db: SqliteDatabase): SearchEngine {
    let engine = this.engines.get(db);
    if (!engine) {
      engine = new SearchEngine(db);
      this.engines.set(db, engine);
    }
    return engine;
  }
}
