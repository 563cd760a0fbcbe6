import { defineConfig } from 'prisma/config'

// Prisma 7 keeps the connection URL here, not in the schema. Only `generate` uses this file in this project:
// migrations are applied by src/db/migrate.ts (Node) and `wrangler d1 migrations apply` (Workers).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./.data/dev.db' },
})
