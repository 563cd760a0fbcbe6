import type { D1Migration } from 'cloudflare:test'

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database
      TEST_MIGRATIONS: D1Migration[]
      TELEGRAM_BOT_TOKEN: string
      TELEGRAM_WEBHOOK_SECRET: string
      TELEGRAM_API_ROOT: string
      TELEGRAM_CALLS_URL: string
    }
  }
}
export {}
