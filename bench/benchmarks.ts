// The list of benchmarks, in the order of the issue that asked for them.
import type { BenchResult, Scale } from './harness';
import { benchCrossInstanceFanOut } from './cross-instance.bench';
import { benchCsvExport } from './csv-export.bench';
import { benchDurableAcknowledgements } from './durable-ack.bench';
import { benchIdleClientsPresence } from './idle-clients.bench';
import { benchListQueries } from './list-queries.bench';
import { benchMemoryPerConnection, benchPresenceFanOut } from './network.bench';
import { benchPolicy } from './policy.bench';
import { benchCatchUp, benchFirstSync } from './sync.bench';
import { benchUsersPage } from './users-page.bench';

export const BENCHMARKS: Array<[string, (scale: Scale) => Promise<BenchResult | BenchResult[]>]> = [
  ['presence fan-out', benchPresenceFanOut],
  ['memory per idle connection', benchMemoryPerConnection],
  ['first sync', benchFirstSync],
  ['catch-up', benchCatchUp],
  ['CSV export', benchCsvExport],
  ['policy decisions', benchPolicy],
  ['member lists from the replica', benchListQueries],
  ['Users page in Chromium', benchUsersPage],
  ['acknowledged mutations, synchronous FULL vs NORMAL', benchDurableAcknowledgements],
  ['cross-instance fan-out', benchCrossInstanceFanOut],
  ['10,000 idle clients', benchIdleClientsPresence],
];
