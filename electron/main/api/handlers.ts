// The main process's implementation of the renderer API.
import type { ApiHandlers, AppInfo } from '@shared/api';

export interface AppFacts {
  name: string;
  version: string;
  runtime: AppInfo['runtime'];
}

export function createApiHandlers(facts: AppFacts): ApiHandlers {
  return {
    'app.getInfo': () => ({
      ...facts,
      platform: process.platform,
      versions: Object.fromEntries(
        Object.entries(process.versions).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      ),
    }),
  };
}
