// The one migration set for both engines, in order. A new migration is a new file here, added
// to the list below; a released migration is never edited.
import type { MigrationProvider } from 'kysely/migration';
import { initial } from './0001-initial.ts';
import { collectorFacts } from './0002-collector-facts.ts';
import { analysisResults } from './0003-analysis-results.ts';
import { feeds } from './0004-feeds.ts';
import { ownership } from './0006-ownership.ts';
import { people } from './0007-people.ts';
import { code } from './0008-code.ts';
import { delivery } from './0009-delivery.ts';
import { scanIdentity } from './0010-scan-identity.ts';
import { authorsAnyCase } from './0011-authors-any-case.ts';
import { licenceCache } from './0012-licence-cache.ts';
import { sqlReader } from './0013-sql-reader.ts';
import { snapshotPlugins } from './0014-snapshot-plugins.ts';
import { exposure } from './0015-exposure.ts';
import { runtimeRoles } from './0016-runtime-roles.ts';
import { riskRegister } from './0017-risk-register.ts';
import { historicalSnapshots } from './0018-historical-snapshots.ts';
import { personDays } from './0019-person-days.ts';
import { costs } from './0020-costs.ts';
import { sources } from './0032-sources.ts';
import { accounts } from './0035-accounts.ts';
import { sessions } from './0036-sessions.ts';
import { deliveryEvents } from './0037-delivery-events.ts';
import { serverScans } from './0038-server-scans.ts';
import { oidcLogins } from './0039-oidc-logins.ts';
import { settings } from './0040-settings.ts';
import type { Engine } from './engine.ts';

export type { Engine } from './engine.ts';

export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001-initial': initial(engine),
        '0002-collector-facts': collectorFacts,
        '0003-analysis-results': analysisResults,
        '0004-feeds': feeds(engine),
        '0006-ownership': ownership,
        '0007-people': people,
        '0008-code': code,
        '0009-delivery': delivery,
        '0010-scan-identity': scanIdentity,
        '0011-authors-any-case': authorsAnyCase,
        '0012-licence-cache': licenceCache,
        '0013-sql-reader': sqlReader(engine),
        '0014-snapshot-plugins': snapshotPlugins,
        '0015-exposure': exposure(engine),
        '0016-runtime-roles': runtimeRoles(engine),
        '0017-risk-register': riskRegister(engine),
        '0018-historical-snapshots': historicalSnapshots,
        '0019-person-days': personDays,
        '0020-costs': costs(engine),
        '0032-sources': sources,
        '0035-accounts': accounts(engine),
        '0036-sessions': sessions(engine),
        '0037-delivery-events': deliveryEvents(engine),
        '0038-server-scans': serverScans(engine),
        '0039-oidc-logins': oidcLogins,
        '0040-settings': settings(),
      };
    },
  };
}
