/**
 * Structured logging, one JSON object per line. Callers pass ids, counts, intents and error codes — never message
 * text, names or phone numbers (household data is personal data). `scrub` is a last line of defence for free text
 * that must be logged (e.g. an upstream error description).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** Removes things that look like phone numbers or e-mail addresses from free text. */
export function scrub(text: string): string {
  return text
    .replace(/(?<![\d+])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/g, '[phone]')
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]')
}

function errorFields(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: scrub(value.message), stack: value.stack?.split('\n').slice(0, 6).join('\n') }
  }
  return value
}

export function createLogger(opts: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const min = ORDER[opts.level ?? 'info']
  const write = opts.write ?? ((line: string) => console.log(line))
  const log = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return
    const entry: Record<string, unknown> = { t: new Date().toISOString(), level, msg }
    if (fields) for (const [k, v] of Object.entries(fields)) entry[k] = k === 'err' ? errorFields(v) : v
    write(JSON.stringify(entry))
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

/** A logger that keeps lines in memory; tests use it to assert what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) })
  return Object.assign(logger, { lines })
}
