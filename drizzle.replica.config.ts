// drizzle-kit config for the desktop's local replica: `npm run db:generate:replica`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/core/replica/schema.ts',
  out: './electron/core/replica/migrations',
});
