// What whoever runs the hub watches it by (issue 14.5): its metrics, its
// readiness and the routes serving both, made in one place so the hub's
// start only wires them in.
import type { Logger } from 'pino';
import type { HubStore } from '../store/hub-store';
import type { ReadinessCheck } from '../store/readiness';
import type { ConnectionRegistry } from './connection-registry';
import { HubMetrics } from './metrics';
import type { MetricsAccess } from './metrics-access';
import { operationsRoutes } from './routes/operations-routes';
import type { RouteGroup } from './routes/route-deps';

export interface HubOperations {
  metrics: HubMetrics;
  routes: RouteGroup;
  close(): void;
}

export interface HubOperationsDeps {
  store: HubStore;
  connections: ConnectionRegistry;
  readiness: ReadinessCheck;
  metricsAccess: MetricsAccess;
  logger: Logger;
}

export function hubOperations({ store, connections, readiness, metricsAccess, logger }: HubOperationsDeps): HubOperations {
  const metrics = new HubMetrics({
    connections: () => connections.each(),
    hasConnectionsIn: (workspaceId) => connections.inWorkspace(workspaceId).length > 0,
    workspaceSeq: async (workspaceId) => (await store.workspaces.byId(workspaceId))?.seq ?? null,
  });
  return {
    metrics,
    routes: operationsRoutes({ readiness, metrics, metricsAccess, logger }),
    close: () => readiness.close(),
  };
}
