import type { Db } from '../db.ts'
import { stmt, type Statement } from '../db/batch.ts'
import type { ActiveFlow, RecentTurn, SessionUpdate } from './types.ts'

/** How many recent turns are kept for a hand-over to an officer. */
export const RECENT_TURNS = 10
/** A turn's text is kept up to this length in the recent list. */
const RECENT_TEXT_MAX = 500
/** Recent turns are forgotten this long after the contact's last message (README "What is kept"). */
export const RECENT_RETENTION_MS = 30 * 86_400_000

export interface LoadedSession {
  flow: ActiveFlow | null
  /** The flow as stored, even when expired (so a flow can offer to resume). */
  storedFlow: ActiveFlow | null
  recent: RecentTurn[]
  version: number
  exists: boolean
}

/** The contact's active flow; a flow left alone past its expiry is not active (but still readable as storedFlow). */
export async function loadSession(db: Db, contactId: number, now: Date): Promise<LoadedSession> {
  const row = await db.conversationSession.findUnique({ where: { contactId } })
  if (!row) return { flow: null, storedFlow: null, recent: [], version: 0, exists: false }
  const expired = row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()
  const stored = row.flow ? { name: row.flow, state: parseJson(row.state, {}) } : null
  // The scheduled purge deletes old turns; until it has run, they are not read either.
  const stale = row.updatedAt.getTime() < now.getTime() - RECENT_RETENTION_MS
  const recent = stale ? [] : parseJson(row.recent, [])
  return { flow: expired ? null : stored, storedFlow: stored, recent: Array.isArray(recent) ? (recent as RecentTurn[]) : [], version: row.version, exists: true }
}

function parseJson(json: string, fallback: unknown): unknown {
  try {
    return JSON.parse(json)
  } catch {
    return fallback
  }
}

/** Adds a turn to the recent list, keeping the last RECENT_TURNS. */
export function addRecent(recent: RecentTurn[], turns: RecentTurn[]): RecentTurn[] {
  const trimmed = turns.map((t) => ({ ...t, text: t.text.length > RECENT_TEXT_MAX ? `${t.text.slice(0, RECENT_TEXT_MAX)}…` : t.text }))
  return [...recent, ...trimmed].slice(-RECENT_TURNS)
}

/**
 * The session write after a turn, for the turn's batch: the flow update (if any) and the recent turns, under `guard`
 * (the turn still holds its claim). The version check refuses a write based on a stale read (two messages from one
 * user processed at once): the statement then changes no row.
 */
export function saveSessionStatement(
  contactId: number,
  loaded: LoadedSession,
  update: SessionUpdate | undefined,
  recent: RecentTurn[],
  now: Date,
  guard: Statement,
): Statement {
  const flow = !update ? null : 'clear' in update ? { flow: null, state: '{}', expiresAt: null } : { flow: update.flow, state: JSON.stringify(update.state ?? {}), expiresAt: new Date(now.getTime() + update.ttlMs) }
  // updatedAt is the turn's time (the clock's, in tests too): the 30-day retention counts from it.
  const recentJson = JSON.stringify(recent)
  let s: Statement
  if (!loaded.exists) {
    s = stmt`INSERT INTO "ConversationSession" ("contactId", "flow", "state", "recent", "version", "expiresAt", "updatedAt")
      SELECT ${contactId}, ${flow?.flow ?? null}, ${flow?.state ?? '{}'}, ${recentJson}, 1, ${flow?.expiresAt ?? null}, ${now} WHERE `
    s.sql += guard.sql + ' ON CONFLICT ("contactId") DO NOTHING'
  } else if (flow) {
    s = stmt`UPDATE "ConversationSession" SET "flow" = ${flow.flow}, "state" = ${flow.state}, "expiresAt" = ${flow.expiresAt}, "recent" = ${recentJson}, "updatedAt" = ${now}, "version" = "version" + 1
      WHERE "contactId" = ${contactId} AND "version" = ${loaded.version} AND `
    s.sql += guard.sql
  } else {
    s = stmt`UPDATE "ConversationSession" SET "recent" = ${recentJson}, "updatedAt" = ${now}, "version" = "version" + 1
      WHERE "contactId" = ${contactId} AND "version" = ${loaded.version} AND `
    s.sql += guard.sql
  }
  return { sql: s.sql, args: [...s.args, ...guard.args] }
}

/**
 * Deletes the conversation state of contacts silent for {@link RECENT_RETENTION_MS}: their recent turns and any
 * flow left open. The contact row stays (it holds no message text).
 */
export async function purgeOldSessions(db: Db, now: Date): Promise<number> {
  const { count } = await db.conversationSession.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - RECENT_RETENTION_MS) } } })
  return count
}
