import * as z from 'zod'

/**
 * The environment, validated once at start-up (Node: process.env; Workers: the bindings). A channel whose token is
 * absent is disabled; a channel whose token is present but whose secret is missing refuses to start, naming the
 * variable. Secrets never appear in logs: use `describeConfig` for a start-up line.
 */

/** Empty strings (e.g. `TELEGRAM_BOT_TOKEN=` in a .env file) count as absent. */
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional())
const withDefault = (value: string) => z.preprocess((v) => (v === '' || v === undefined ? value : v), z.string())
const rootUrl = (value: string) =>
  withDefault(value).pipe(
    z
      .string()
      .url()
      .transform((s) => s.replace(/\/+$/, '')),
  )

export const EnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_WEBHOOK_SECRET: optional,
  TELEGRAM_API_ROOT: rootUrl('https://api.telegram.org'),
  /** Optional: the bot's @username, so commands like /start@name are recognised without a getMe call. */
  TELEGRAM_BOT_USERNAME: optional,
  /**
   * Optional: messages a second the bot sends overall (default 30, Telegram's limit for an ordinary bot; bots with
   * paid broadcasts may send more). The load benchmark lifts it to measure the server rather than Telegram's pace.
   */
  TELEGRAM_MAX_PER_SECOND: z.preprocess((v) => (v === '' || v === undefined ? '30' : v), z.coerce.number().positive().max(1_000_000)),
  ZALO_APP_ID: optional,
  ZALO_APP_SECRET: optional,
  ZALO_OA_SECRET_KEY: optional,
  ZALO_ACCESS_TOKEN: optional,
  ZALO_REFRESH_TOKEN: optional,
  ZALO_API_ROOT: rootUrl('https://openapi.zalo.me'),
  ZALO_OAUTH_ROOT: rootUrl('https://oauth.zaloapp.com'),
  /**
   * Optional: the id of a Zalo template (ZBS Template Message by UID) approved for reminders, with the parameters
   * `title`, `time` and `place`. Without it, a reminder that cannot reach a Zalo user inside the 7-day window is
   * marked not reached and shown to the officer.
   */
  ZALO_REMINDER_TEMPLATE_ID: optional,
  DATABASE_URL: withDefault('file:.data/dev.db'),
  PORT: z.preprocess((v) => (v === '' || v === undefined ? '8787' : v), z.coerce.number().int().min(0).max(65535)),
  HOST: withDefault('127.0.0.1'),
  ADMIN_TOKEN: optional,
  TZ_NAME: withDefault('Asia/Ho_Chi_Minh'),
  /** Public https origin of this service; used by `npm run telegram:setup` to register the webhook. */
  PUBLIC_URL: optional,
  LOG_LEVEL: z.preprocess((v) => (v === '' || v === undefined ? 'info' : v), z.enum(['debug', 'info', 'warn', 'error'])),
  /**
   * Node only: addresses of reverse proxies whose X-Forwarded-For (and X-Forwarded-Proto) is believed, comma
   * separated. Without it the socket address is the client's.
   */
  TRUSTED_PROXIES: optional,
  /** Optional: the key that signs web-chat conversation ids (default: one the server makes and keeps in its database). */
  WEB_CHAT_SECRET: optional,
})

export type Env = z.infer<typeof EnvSchema>

export interface TelegramConfig {
  token: string
  webhookSecret: string
  apiRoot: string
  username: string | undefined
  /** Overall send rate the outbox keeps to (messages a second). */
  maxPerSecond: number
}

export interface ZaloConfig {
  appId: string
  appSecret: string
  oaSecretKey: string
  accessToken: string
  refreshToken: string
  apiRoot: string
  oauthRoot: string
  /** Template for reminders outside the consultation window (ZALO_REMINDER_TEMPLATE_ID), if approved. */
  reminderTemplateId: string | undefined
}

export interface Config {
  telegram: TelegramConfig | null
  zalo: ZaloConfig | null
  databaseUrl: string
  port: number
  host: string
  adminToken: string | undefined
  timeZone: string
  publicUrl: string | undefined
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  trustedProxies: string[]
  webChatSecret: string | undefined
}

/** A configuration that cannot start: the message names every variable to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

// Telegram only accepts these characters in secret_token (Bot API setWebhook).
const TELEGRAM_SECRET = /^[A-Za-z0-9_-]{1,256}$/

/** Parse and check the environment. Throws ConfigError with a message that names what is missing or wrong. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const env = parsed.data
  const problems: string[] = []

  let telegram: TelegramConfig | null = null
  if (env.TELEGRAM_BOT_TOKEN) {
    if (!env.TELEGRAM_WEBHOOK_SECRET) {
      problems.push('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set')
    } else if (!TELEGRAM_SECRET.test(env.TELEGRAM_WEBHOOK_SECRET)) {
      problems.push('TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
    } else if (!/^\d+:[A-Za-z0-9_-]+$/.test(env.TELEGRAM_BOT_TOKEN)) {
      problems.push('TELEGRAM_BOT_TOKEN does not look like a bot token (<id>:<secret>)')
    } else {
      telegram = {
        token: env.TELEGRAM_BOT_TOKEN,
        webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
        apiRoot: env.TELEGRAM_API_ROOT,
        username: env.TELEGRAM_BOT_USERNAME?.replace(/^@/, ''),
        maxPerSecond: env.TELEGRAM_MAX_PER_SECOND,
      }
    }
  }

  let zalo: ZaloConfig | null = null
  if (env.ZALO_ACCESS_TOKEN) {
    const required = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_REFRESH_TOKEN'] as const
    const missing = required.filter((k) => !env[k])
    if (missing.length > 0) {
      problems.push(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required when ZALO_ACCESS_TOKEN is set`)
    } else {
      zalo = {
        appId: env.ZALO_APP_ID!,
        appSecret: env.ZALO_APP_SECRET!,
        oaSecretKey: env.ZALO_OA_SECRET_KEY!,
        accessToken: env.ZALO_ACCESS_TOKEN,
        refreshToken: env.ZALO_REFRESH_TOKEN!,
        apiRoot: env.ZALO_API_ROOT,
        oauthRoot: env.ZALO_OAUTH_ROOT,
        reminderTemplateId: env.ZALO_REMINDER_TEMPLATE_ID,
      }
    }
  }

  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`)
  return {
    telegram,
    zalo,
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    host: env.HOST,
    adminToken: env.ADMIN_TOKEN,
    timeZone: env.TZ_NAME,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: env.LOG_LEVEL,
    trustedProxies: (env.TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    webChatSecret: env.WEB_CHAT_SECRET,
  }
}

/** A one-line, secret-free summary for the start-up log. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    telegram: config.telegram ? { enabled: true, apiRoot: config.telegram.apiRoot } : { enabled: false },
    zalo: config.zalo ? { enabled: true, apiRoot: config.zalo.apiRoot } : { enabled: false },
    adminToken: Boolean(config.adminToken),
    timeZone: config.timeZone,
  }
}

/** Every secret value in the configuration, for the logger to remove wherever it turns up. */
export function secretsOf(config: Config): string[] {
  const values = [config.telegram?.token, config.telegram?.webhookSecret, config.adminToken, config.webChatSecret]
  if (config.zalo) values.push(config.zalo.appSecret, config.zalo.oaSecretKey, config.zalo.accessToken, config.zalo.refreshToken)
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0)
}
