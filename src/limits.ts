import type { Db } from './db.ts'

/**
 * Rate limits shared by every process and isolate through the database (the `RateLimit` table).
 *
 * A sliding-window counter: the count of the current fixed window plus the previous window's count weighted by how
 * much of it still overlaps the sliding window. Unlike plain fixed windows, a burst across a window boundary cannot
 * pass twice the limit; it costs two statements per hit and keeps two rows per key.
 */
export interface LimitRule {
  /** At most this many (weighted) hits per window. */
  limit: number
  windowMs: number
}

export interface LimitState {
  /** The estimated number of hits in the sliding window ending now, this one included. */
  count: number
  allowed: boolean
  /** When the estimate will be back under the limit (0 when allowed). */
  retryAfterMs: number
}

export interface Limiter {
  /** Counts `weight` hits for `key` and says whether they stay within the rule. */
  hit(key: string, rule: LimitRule, now: Date, weight?: number): Promise<LimitState>
  /** The state without counting (e.g. "is this address locked out" before checking a password). */
  peek(key: string, rule: LimitRule, now: Date): Promise<LimitState>
  /** Forgets windows older than `olderThan`. */
  purge(olderThan: Date): Promise<number>
}

function windowStart(now: Date, windowMs: number): number {
  return Math.floor(now.getTime() / windowMs) * windowMs
}

function windowKey(start: number, windowMs: number): string {
  return `${windowMs}:${new Date(start).toISOString()}`
}

function estimate(current: number, previous: number, now: Date, start: number, rule: LimitRule): LimitState {
  const elapsed = (now.getTime() - start) / rule.windowMs
  const count = current + previous * (1 - elapsed)
  const allowed = count <= rule.limit
  if (allowed) return { count, allowed, retryAfterMs: 0 }
  // The previous window's share shrinks linearly; when that is not enough, the current window must end first.
  const excess = count - rule.limit
  const retryAfterMs =
    previous > 0 && excess <= previous * (1 - elapsed) ? Math.ceil((excess / previous) * rule.windowMs) : Math.ceil(start + rule.windowMs - now.getTime())
  return { count, allowed, retryAfterMs: Math.max(1000, retryAfterMs) }
}

export function createLimiter(db: Db): Limiter {
  async function previousCount(key: string, start: number, rule: LimitRule): Promise<number> {
    const prev = await db.rateLimit.findUnique({ where: { key_window: { key, window: windowKey(start - rule.windowMs, rule.windowMs) } } })
    return prev?.count ?? 0
  }
  return {
    async hit(key, rule, now, weight = 1) {
      const start = windowStart(now, rule.windowMs)
      const rows = await db.$queryRaw<{ count: number | bigint }[]>`INSERT INTO "RateLimit" ("key", "window", "count")
        VALUES (${key}, ${windowKey(start, rule.windowMs)}, ${weight})
        ON CONFLICT ("key", "window") DO UPDATE SET "count" = "count" + excluded."count"
        RETURNING "count"`
      const current = Number(rows[0]?.count ?? weight)
      return estimate(current, await previousCount(key, start, rule), now, start, rule)
    },
    async peek(key, rule, now) {
      const start = windowStart(now, rule.windowMs)
      const row = await db.rateLimit.findUnique({ where: { key_window: { key, window: windowKey(start, rule.windowMs) } } })
      const state = estimate(row?.count ?? 0, await previousCount(key, start, rule), now, start, rule)
      // "May one more hit pass?": a peek at exactly the limit is already full.
      return state.count + 1 <= rule.limit ? state : { ...state, allowed: false, retryAfterMs: state.retryAfterMs || 1000 }
    },
    async purge(olderThan) {
      // Window keys sort by their start time within one size; compare on the ISO part.
      const rows = await db.rateLimit.findMany({ select: { key: true, window: true } })
      const old = rows.filter((r) => {
        const iso = r.window.slice(r.window.indexOf(':') + 1)
        const size = Number(r.window.slice(0, r.window.indexOf(':')))
        return Number.isFinite(size) ? new Date(iso).getTime() + 2 * size < olderThan.getTime() : true
      })
      for (const r of old) await db.rateLimit.deleteMany({ where: { key: r.key, window: r.window } })
      return old.length
    },
  }
}

/** The limits the bot applies, in one place. */
export const LIMITS = {
  /** Messages per contact (and per client address for the web chat). */
  messages: { limit: 30, windowMs: 60_000 },
  /** Messages per web-chat client address, across its conversations. */
  webAddress: { limit: 60, windowMs: 60_000 },
  /** Wrong invite codes per contact and per client address. */
  inviteFailures: { limit: 5, windowMs: 3600_000 },
  /** Wrong ADMIN_TOKEN logins per client address, and for everyone together. */
  loginFailuresPerAddress: { limit: 5, windowMs: 15 * 60_000 },
  loginFailuresGlobal: { limit: 30, windowMs: 3600_000 },
  /** Sign-in links per contact. */
  signInLinks: { limit: 5, windowMs: 3600_000 },
} satisfies Record<string, LimitRule>
