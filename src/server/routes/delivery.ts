import { deliveryDocument, workspaceDelivery } from '../../analyses/delivery/workspace.ts';
import { referenceDay } from '../../reference-date.ts';
import { resolveRepositoryName } from '../../store/repositories.ts';
import { type ApiRoute, DAY, PAGING, REPOSITORY, str } from './route.ts';

export const DELIVERY_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/delivery',
    permission: 'portfolio:read',
    summary:
      'Releases, cadence, lead time, deployment frequency, change failure and rework proxies per repository and team (as `cto delivery --json`); one repository adds its releases and activity.',
    schema: 'cto.delivery/v1',
    query: PAGING.extend({ repository: REPOSITORY, today: DAY.optional() }),
    list: 'repositories',
    handler: async ({ store, ws, query }) => {
      const day = referenceDay(str(query, 'today'));
      const repository = await resolveRepositoryName(store, str(query, 'repository'));
      const delivery = await workspaceDelivery(store, ws, day, repository);
      return deliveryDocument(delivery, day, repository !== undefined);
    },
  },
];
