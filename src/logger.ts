import { removeNumbersAndEmails } from './privacy.ts'

/**
 * Structured logging, one JSON object per line. Callers pass ids, counts, intents and error codes — never message
 * text, names or phone numbers (household data is personal data).
 *
 * Every line goes through one serializer (`toLogValue`), the last line of defence for what callers pass by mistake
 * or what libraries put in their errors:
 * - secrets: the configured ones by value, and by shape wherever they turn up — a Telegram token in a Bot API URL
 *   (grammY's HttpError carries `…/bot<token>/sendMessage`), officer sign-in links, `access_token=` and other
 *   credential parameters,
 *   `Authorization` headers, and fields named like a credential (`access_token`, `secret_key`, `cookie`…);
 * - phone, ID and account numbers and e-mail addresses in error messages and free-text fields;
 * - errors become `{ name, message, stack (6 lines), code, cause }`, causes followed three deep.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

export interface LoggerOptions {
  level?: LogLevel
  write?: (line: string) => void
  /** Secret values (tokens, keys) to remove wherever they appear, whatever their shape. */
  secrets?: readonly (string | undefined | null)[]
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
const REDACTED = '[redacted]'

/** Field names whose values are credentials, whatever they hold. */
const SECRET_KEY = /^(?:authorization|proxy-authorization|cookie|set-cookie|x-telegram-bot-api-secret-token|x-zevent-signature|access_?token|refresh_?token|id_?token|token|secret|secret_?key|client_?secret|app_?secret|api_?key|password|passwd|admin_?token|webhook_?secret|signature|mac)$/i
/** Fields that hold free text (an upstream description): numbers and addresses are removed from them too. */
const TEXT_KEY = /^(?:message|description|text|detail|details|reason|body)$/i

const SHAPES: [RegExp, string][] = [
  // Telegram Bot API URLs: /bot<id>:<secret>/method (and /file/bot<token>/…).
  [/\/bot\d+:[A-Za-z0-9_-]+/g, `/bot${REDACTED}`],
  // One-time officer sign-in links: /admin/signin/<token>.
  [/\/signin\/[A-Za-z0-9_-]{8,}/g, `/signin/${REDACTED}`],
  // A bare Telegram bot token.
  [/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, REDACTED],
  // Credential parameters in URLs and form bodies: ?access_token=…&code=…
  [/([?&](?:[a-z_]*token|[a-z_]*secret|secret_?key|api_?key|key|code|sig|signature|password)=)[^&\s"'#]+/gi, `$1${REDACTED}`],
  // Credentials named in JSON or other text: "refresh_token":"…", secret_key: …
  [
    /((?:access_?token|refresh_?token|id_?token|secret_?key|client_?secret|app_?secret|api_?key|admin_?token|password)["']?\s*[=:]\s*["']?)[^\s"'&,;}]+/gi,
    `$1${REDACTED}`,
  ],
  // Authorization headers in text: "Authorization: Bearer …".
  [/\b((?:proxy-)?authorization\s*[:=]\s*)(?:(?:bearer|basic|token)\s+)?[^\s"',;]+/gi, `$1${REDACTED}`],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, `Bearer ${REDACTED}`],
]

/** Removes secrets from a string: the given values, then anything shaped like a credential. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement)
  return out
}

/** Removes phone numbers and e-mail addresses (and ID or account numbers) from free text. */
export function scrub(text: string): string {
  return removeNumbersAndEmails(text, { phone: '[phone]', number: '[number]', email: '[email]' })
}

/** A log field value made safe to write: see the module comment. */
export function toLogValue(value: unknown, secrets: readonly string[] = [], key = '', depth = 0, seen = new WeakSet<object>()): unknown {
  if (key && SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED
  if (typeof value === 'string') {
    const safe = redactSecrets(value, secrets)
    return TEXT_KEY.test(key) ? scrub(safe) : safe
  }
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : typeof value === 'function' || typeof value === 'symbol' ? String(value) : value
  }
  if (seen.has(value)) return '[circular]'
  if (depth >= 6) return '[deep]'
  seen.add(value)
  if (value instanceof Error) return errorValue(value, secrets, depth, seen)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (value instanceof URL) return redactSecrets(value.href, secrets)
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => toLogValue(v, secrets, '', depth + 1, seen))
  if (typeof Headers !== 'undefined' && value instanceof Headers) value = Object.fromEntries(value.entries())
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toLogValue(v, secrets, k, depth + 1, seen)
  return out
}

/**
 * Prisma renders the failed call's arguments into its messages ("Invalid `prisma.x.create()` invocation: { data: {
 * text: "…" } }"), and those are users' messages. Keep the call and the reason, not the arguments.
 */
function prismaMessage(message: string): string {
  const paragraphs = message.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
  const call = /Invalid `[^`]+` invocation/.exec(message)?.[0]
  if (!call) return message
  const reason = paragraphs.at(-1) ?? ''
  return reason.includes('invocation') ? call : `${call}: ${reason}`
}

function errorValue(err: Error, secrets: readonly string[], depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const text = (s: string) => scrub(redactSecrets(s, secrets))
  const prisma = err.name.startsWith('PrismaClient')
  const message = prisma ? prismaMessage(err.message) : err.message
  const out: Record<string, unknown> = { name: err.name, message: text(message) }
  // A stack starts with the message; for Prisma errors only the frames are kept.
  const frames = err.stack?.split('\n').filter((l) => /^\s+at /.test(l)) ?? []
  if (err.stack) out.stack = text(prisma ? frames.slice(0, 5).join('\n') : err.stack.split('\n').slice(0, 6).join('\n'))
  const extra = err as Error & Record<string, unknown>
  for (const k of ['code', 'status', 'error_code', 'method', 'endpoint', 'errno', 'syscall']) {
    const v = extra[k]
    if (typeof v === 'string' || typeof v === 'number') out[k] = typeof v === 'string' ? text(v) : v
  }
  if (typeof extra.description === 'string') out.description = text(extra.description)
  // grammY's HttpError keeps the network error in `error`; standard errors in `cause`.
  const cause = err.cause ?? (extra.error instanceof Error ? extra.error : undefined)
  if (cause !== undefined && depth < 3) out.cause = toLogValue(cause, secrets, 'cause', depth + 1, seen)
  if (err instanceof AggregateError) out.errors = err.errors.slice(0, 5).map((e) => toLogValue(e, secrets, '', depth + 1, seen))
  return out
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const min = ORDER[opts.level ?? 'info']
  const write = opts.write ?? ((line: string) => console.log(line))
  // Short values would redact ordinary words; configured secrets are long (tokens, 32-hex secrets).
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8)
  const log = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return
    const entry: Record<string, unknown> = { t: new Date().toISOString(), level, msg }
    if (fields) for (const [k, v] of Object.entries(fields)) entry[k] = toLogValue(v, secrets, k)
    write(JSON.stringify(entry))
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

/** A logger that keeps lines in memory; tests use it to assert what was (not) logged. */
export function createMemoryLogger(opts: Pick<LoggerOptions, 'secrets'> = {}): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>), ...opts })
  return Object.assign(logger, { lines })
}
