// The routes for whoever runs the hub (issue 14.5): /readyz for a load
// balancer or systemd (is the store there and up to date?) and /metrics for
// Prometheus (only to the readers MetricsAccess lets in). /healthz, "the
// process answers", stays in http-routes.ts.
import type { Logger } from 'pino';
import type { ReadinessCheck } from '../../store/readiness';
import { sendJson } from '../http-helpers';
import type { HubMetrics } from '../metrics';
import type { MetricsAccess } from '../metrics-access';
import type { RouteGroup } from './route-deps';

export interface OperationsRouteDeps {
  readiness: ReadinessCheck;
  metrics: HubMetrics;
  metricsAccess: MetricsAccess;
  logger: Logger;
}

export function operationsRoutes({ readiness, metrics, metricsAccess, logger }: OperationsRouteDeps): RouteGroup {
  return async ({ request, response, method, pathname }) => {
    if (method === 'GET' && pathname === '/readyz') {
      const state = await readiness.check();
      if (state.isReady) sendJson(response, 200, { ok: true });
      else {
        logger.warn({ reason: state.reason }, 'hub not ready');
        sendJson(response, 503, { ok: false, reason: state.reason });
      }
      return true;
    }
    if (method === 'GET' && pathname === '/metrics') {
      if (!metricsAccess.isAllowed(request)) {
        logger.info({ peer: request.socket.remoteAddress }, 'metrics refused');
        // The same answer as an address with nothing at it: the figures' existence is not advertised.
        sendJson(response, 404, { error: { code: 'not_found', message: 'There is nothing at this address.' } });
        return true;
      }
      const { contentType, body } = await metrics.exposition();
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(body);
      return true;
    }
    return false;
  };
}
