// drizzle-kit config for the hub's PostgreSQL store (issue 14.1):
// `npm run db:generate:hub:pg` writes a new migration into
// hub/store/pg/migrations when hub/store/pg/schema.ts changes. The SQLite
// store keeps its own (drizzle.hub.config.ts); both schemas change together.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './hub/store/pg/schema.ts',
  out: './hub/store/pg/migrations',
});
