import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fixedClock, vnDate } from '../clock.ts'
import { loadConfig } from '../config.ts'
import { createNodeDb, type Db } from '../db.ts'
import { migrateSqliteFile } from '../db/migrate.ts'
import { isLocale, type Locale } from '../i18n.ts'
import { createLogger } from '../logger.ts'
import { formatDate } from '../poverty/format.ts'
import { coveredPeriod, standardOn } from '../poverty/standards.ts'
import { openNodeServices, projectRoot } from './node-runtime.ts'

/**
 * `npm run -s ask -- [--at <ISO 8601>] [--locale vi|en] "<message>"` (issue #13): one message through the real
 * dialogue, as a fresh conversation on a throw-away database (migrated and seeded), with the clock fixed at `--at`.
 * Prints `{"replies":[{"text","buttons"?}]}`. Officers use it to see how the bot will answer next month.
 * Exit 0; 2 for bad arguments (an unreadable date, a date outside every poverty standard, no message).
 */

export interface AskArgs {
  at: Date
  locale: Locale
  message: string
}

class UsageError extends Error {}

const USAGE = 'usage: npm run -s ask -- [--at <ISO 8601>] [--locale vi|en] "<message>"'

/** Reads the arguments; throws a UsageError with a message for the user. */
export function parseAskArgs(argv: readonly string[], now: Date): AskArgs {
  let at = now
  let locale: Locale = 'vi'
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--at' || arg === '--locale') {
      const value = argv[++i]
      if (value === undefined) throw new UsageError(`${arg} needs a value\n${USAGE}`)
      if (arg === '--locale') {
        if (!isLocale(value)) throw new UsageError(`--locale must be vi or en, got ${JSON.stringify(value)}`)
        locale = value
      } else {
        at = parseInstant(value)
      }
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}\n${USAGE}`)
    else words.push(arg)
  }
  const message = words.join(' ').trim()
  if (message === '') throw new UsageError(`no message given\n${USAGE}`)
  const day = vnDate(at)
  if (!standardOn(day)) {
    const period = coveredPeriod()
    throw new UsageError(
      `--at ${day} is outside every poverty standard in the data (${formatDate(period.from)}–${formatDate(period.to)}): the bot has no rules to answer by on that day`,
    )
  }
  return { at, locale, message }
}

/** An ISO 8601 date ("2027-01-01", taken as midnight in Vietnam) or date-time ("2026-12-15T09:00:00+07:00"). */
function parseInstant(value: string): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
  const ms = Date.parse(dateOnly ? `${value}T00:00:00+07:00` : value)
  if (!iso || Number.isNaN(ms) || (dateOnly && new Date(ms + 7 * 3600_000).toISOString().slice(0, 10) !== value)) {
    throw new UsageError(`--at must be an ISO 8601 date or date-time (e.g. 2027-01-01 or 2026-12-15T09:00:00+07:00), got ${JSON.stringify(value)}`)
  }
  return new Date(ms)
}

/** The services as `npm start` builds them (the one composition root), on `db`, with the clock fixed at `at` and no channel enabled. */
function buildServices(db: Db, at: Date) {
  const logger = createLogger({ level: 'error', write: (line) => process.stderr.write(`${line}\n`) })
  return openNodeServices({ db, config: loadConfig({}), clock: fixedClock(at), logger })
}

/** Runs `ask` with `argv` (without the command name); resolves to the exit code. */
export async function runAsk(argv: readonly string[] = process.argv.slice(3), out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let args: AskArgs
  try {
    args = parseAskArgs(argv, new Date())
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    process.stderr.write(`${err.message}\n`)
    return 2
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-ask-'))
  const file = path.join(dir, 'ask.db')
  migrateSqliteFile(file, path.join(projectRoot, 'prisma/migrations'))
  const services = buildServices(createNodeDb(file), args.at)
  try {
    const outcome = await services.dialogue.handle({
      channel: 'cli',
      userId: `ask-${crypto.randomUUID()}`,
      messageId: crypto.randomUUID(),
      at: args.at,
      content: { kind: 'text', text: args.message },
      localeHint: args.locale,
    })
    const replies = outcome.duplicate ? [] : outcome.replies.map((r) => (r.buttons?.length ? { text: r.text, buttons: r.buttons } : { text: r.text }))
    out.write(`${JSON.stringify({ replies })}\n`)
    return 0
  } finally {
    await services.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
