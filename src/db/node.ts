import fs from 'node:fs'
import Database from 'better-sqlite3'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { AtomicBatch, Statement } from './batch.ts'
import { DatabaseBusyError, DatabaseUnavailableError, isDatabaseBusy } from './busy.ts'

/**
 * How the Node server uses its SQLite file under contention (issue #9 §3). better-sqlite3 is synchronous: while a
 * statement waits for another connection's lock, the whole event loop waits. So one wait is short, and what is still
 * locked is retried after asynchronous pauses (other requests run meanwhile); after about a second the caller gets
 * {@link DatabaseBusyError} and answers 503.
 */
export const BUSY_TIMEOUT_MS = 20
const BUSY_RETRY_DELAYS_MS = [20, 40, 80, 160, 320]

export type DbHealth = 'up' | 'busy' | 'missing' | 'down'

/** What the Node database offers beyond Prisma: the turn's atomic batch and a health probe. */
export interface NodeSqlite {
  file: string
  batch: AtomicBatch
  /** up; busy (the write lock stayed taken for ~0.5 s); missing (the file was deleted or replaced); down. */
  health(): Promise<DbHealth>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Pragmas of the server's connection: WAL (readers never wait for the writer), a short busy timeout. */
export function configureNodeSqlite(client: Database.Database): void {
  client.pragma('journal_mode = WAL')
  client.pragma('synchronous = NORMAL')
  client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
}

async function retryWhileBusy<T>(run: () => T | Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run()
    } catch (err) {
      if (!isDatabaseBusy(err) || attempt >= BUSY_RETRY_DELAYS_MS.length) throw err
      await sleep(BUSY_RETRY_DELAYS_MS[attempt]!)
    }
  }
}

/** Top-level queries retried while busy. (Statements inside a transaction are not: the transaction fails as a whole.) */
function withBusyRetry(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        const method = value as (q: unknown) => Promise<unknown>
        return (query: unknown) => retryWhileBusy(() => method.call(target, query))
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/**
 * The Prisma driver adapter for the server's SQLite file, plus the handle for atomic batches and health. The batch
 * runs on Prisma's own connection (captured when Prisma connects), so it never waits for a lock we hold ourselves.
 */
export function nodeSqliteAdapter(file: string): { adapter: SqlDriverAdapterFactory; handle: NodeSqlite; bind(connect: () => Promise<void>): void } {
  // fileMustExist: the file is created and migrated at start (src/db/migrate.ts); one that vanished later must not
  // come back empty when Prisma (re)connects.
  const inner = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS, fileMustExist: true })
  let client: Database.Database | null = null
  let inode: number | undefined
  let connect: () => Promise<void> = async () => undefined
  const prepared = new Map<string, Database.Statement>()
  let run: ((statements: Statement[]) => number[]) | null = null

  const adapter: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const connected = await inner.connect()
      client = (connected as unknown as { client: Database.Database }).client
      configureNodeSqlite(client)
      const prepare = cacheStatements(client)
      inode = statInode(file)
      prepared.clear()
      run = client.transaction((statements: Statement[]) =>
        statements.map((s) => {
          let st = prepared.get(s.sql)
          if (!st) prepared.set(s.sql, (st = prepare(s.sql)))
          return st.run(...s.args).changes
        }),
      ).immediate as unknown as (statements: Statement[]) => number[]
      return withBusyRetry(connected)
    },
  } as SqlDriverAdapterFactory

  function fileState(): 'ok' | 'missing' {
    const now = statInode(file)
    return now === undefined || (inode !== undefined && now !== inode) ? 'missing' : 'ok'
  }

  let probe: Database.Database | null = null
  const handle: NodeSqlite = {
    file,
    async batch(statements) {
      if (statements.length === 0) return []
      await connect()
      if (!client || !run) throw new DatabaseUnavailableError('the database is not connected')
      // Writes to a deleted file would vanish at the next start: refuse them (the channel redelivers later).
      if (fileState() === 'missing') throw new DatabaseUnavailableError(`the database file ${file} is missing`)
      return retryWhileBusy(async () => {
        // A Prisma transaction (it awaits between statements) is open on the shared connection: let it finish.
        for (let i = 0; client!.inTransaction && i < 500; i++) await sleep(2)
        try {
          return run!(statements)
        } catch (err) {
          throw isDatabaseBusy(err) ? new DatabaseBusyError(err) : err
        }
      })
    },
    async health() {
      if (fileState() === 'missing') return 'missing'
      for (let attempt = 0; attempt < 4; attempt++) {
        try {
          // A connection of its own that never waits: can the write lock be taken right now?
          probe ??= new Database(file, { fileMustExist: true, timeout: 0 })
          probe.exec('BEGIN IMMEDIATE')
          probe.exec('ROLLBACK')
          return 'up'
        } catch (err) {
          if (!isDatabaseBusy(err)) {
            probe?.close()
            probe = null
            return 'down'
          }
          await sleep(150)
        }
      }
      return 'busy'
    },
  }
  return {
    adapter,
    handle,
    bind(c) {
      connect = c
    },
  }
}

/** Statements kept prepared per connection; the app's queries are a few dozen shapes. */
const STATEMENT_CACHE_SIZE = 256

/**
 * Prisma's adapter prepares every query again (`prepare(sql).bind(args)`, then `run()`, `reader`, `columns()` or
 * `raw().all()`); preparing was a good part of the 2.19 ms per update that Prisma + SQLite cost (#9's profile). This
 * keeps statements prepared per SQL text. better-sqlite3 binds a statement once for good, so the cache hands out a
 * light view per use that passes the arguments on each call instead. Only the adapter uses this connection and every
 * call completes synchronously, so a cached statement is never in use twice at once. Returns the original `prepare`
 * (for the batch, which keeps its own statements).
 */
function cacheStatements(client: Database.Database): (sql: string) => Database.Statement {
  if (typeof client?.prepare !== 'function') {
    throw new Error('@prisma/adapter-better-sqlite3 internals changed: no better-sqlite3 client on the adapter (see src/db/node.ts)')
  }
  const prepare = client.prepare.bind(client) as (sql: string) => Database.Statement
  const cache = new Map<string, Database.Statement>()
  client.prepare = ((sql: string) => {
    let stmt = cache.get(sql)
    if (stmt) {
      // Most recently used last, so the oldest is evicted first.
      cache.delete(sql)
    } else {
      stmt = prepare(sql)
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    }
    cache.set(sql, stmt)
    return boundLater(stmt)
  }) as unknown as typeof client.prepare
  return prepare
}

function boundLater(stmt: Database.Statement) {
  return {
    get reader() {
      return stmt.reader
    },
    bind(args: unknown[]) {
      return {
        get reader() {
          return stmt.reader
        },
        run: () => stmt.run(args),
        columns: () => stmt.columns(),
        // The adapter reads rows as arrays; raw mode stays on for this (reading) statement.
        raw: () => ({ all: () => stmt.raw(true).all(args) }),
      }
    },
    run: (...args: unknown[]) => stmt.run(...args),
  }
}

function statInode(file: string): number | undefined {
  try {
    return fs.statSync(file).ino
  } catch {
    return undefined
  }
}

const handles = new WeakMap<object, NodeSqlite>()

export function registerNodeSqlite(db: object, handle: NodeSqlite): void {
  handles.set(db, handle)
}

/** The Node SQLite handle of a database built by `createNodeDb`, if it was. */
export function nodeSqliteOf(db: object): NodeSqlite | undefined {
  return handles.get(db)
}
