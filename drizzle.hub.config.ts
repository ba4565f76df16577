// drizzle-kit config for the hub's store: `npm run db:generate:hub` writes a
// new migration into hub/store/migrations when schema.ts changes.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './hub/store/schema.ts',
  out: './hub/store/migrations',
});
