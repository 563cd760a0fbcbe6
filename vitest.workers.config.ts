import path from 'node:path'
import { defineConfig } from 'vitest/config'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'

/**
 * The Workers-runtime project: tests run inside workerd against the real src/worker.ts, with D1 migrated from
 * prisma/d1-migrations and channels pointed at stand-in servers started in Node (global-setup.ts).
 */

// Vite cannot analyse Prisma's `import("./query_compiler_small_bg.wasm?module")`; workerd imports it natively.
const prismaWasmExternal = {
  name: 'prisma-wasm-external',
  enforce: 'pre' as const,
  resolveId(id: string, importer?: string) {
    if (id.endsWith('.wasm?module') && importer) {
      return { id: path.resolve(path.dirname(importer), id.slice(0, -'?module'.length)), external: true }
    }
    return undefined
  },
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.resolve(import.meta.dirname, 'prisma/d1-migrations'))
  return {
    plugins: [
      prismaWasmExternal,
      cloudflareTest(({ inject }) => ({
        main: './src/worker.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            LOG_LEVEL: 'warn',
            TELEGRAM_BOT_TOKEN: '123456:TEST-token_abc',
            TELEGRAM_WEBHOOK_SECRET: 'test-secret_123',
            TELEGRAM_API_ROOT: inject('telegramApiRoot'),
            TELEGRAM_CALLS_URL: inject('telegramCallsUrl'),
          },
        },
      })),
    ],
    test: {
      name: 'workers',
      include: ['test/workers/**/*.test.ts'],
      globalSetup: ['./test/workers/global-setup.ts'],
      setupFiles: ['./test/workers/apply-migrations.ts'],
      testTimeout: 30_000,
    },
  }
})
