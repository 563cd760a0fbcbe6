/**
 * "The database is busy": another connection or process holds the write lock (SQLite `SQLITE_BUSY`, D1 overloaded).
 * Requests answer 503 at once (Telegram redelivers, a Zalo event is not accepted) instead of waiting for it.
 */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError'
  constructor(override readonly cause?: unknown) {
    super('the database is busy')
  }
}

/** The database file is gone or unreadable: nothing can be stored until someone restores it. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError'
  constructor(message: string) {
    super(message)
  }
}

const BUSY_TEXT = /SQLITE_BUSY|database is locked|database table is locked|D1 DB is overloaded|SocketTimeout/i

/** Whether an error from Prisma, a driver adapter or D1 means "busy, try again shortly". */
export function isDatabaseBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DatabaseBusyError) return true
    if (typeof e !== 'object') return false
    const o = e as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } }
    // Prisma maps the adapters' SocketTimeout (better-sqlite3's SQLITE_BUSY) to P1008 "operations timed out".
    if (o.code === 'P1008' || o.kind === 'SocketTimeout') return true
    if (typeof o.code === 'string' && o.code.startsWith('SQLITE_BUSY')) return true
    if (typeof o.message === 'string' && BUSY_TEXT.test(o.message)) return true
    e = o.cause ?? o.meta?.driverAdapterError
  }
  return false
}

const UNAVAILABLE_TEXT = /SQLITE_CANTOPEN|unable to open database file|directory does not exist/i

/** Whether an error means the database file is gone (deleted under the running server, or never there). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DatabaseUnavailableError) return true
    if (typeof e !== 'object') return false
    const o = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof o.code === 'string' && o.code.startsWith('SQLITE_CANTOPEN')) return true
    if (typeof o.message === 'string' && UNAVAILABLE_TEXT.test(o.message)) return true
    e = o.cause
  }
  return false
}
