import type { Db } from '../db.ts'
import type { ActiveFlow, SessionUpdate } from './types.ts'

export interface LoadedSession {
  flow: ActiveFlow | null
  version: number
  exists: boolean
}

/** The contact's active flow; a flow left alone past its expiry is dropped here. */
export async function loadSession(db: Db, contactId: number, now: Date): Promise<LoadedSession> {
  const row = await db.conversationSession.findUnique({ where: { contactId } })
  if (!row) return { flow: null, version: 0, exists: false }
  const expired = row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()
  if (!row.flow || expired) return { flow: null, version: row.version, exists: true }
  return { flow: { name: row.flow, state: parseState(row.state) }, version: row.version, exists: true }
}

function parseState(json: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    return {}
  }
}

/**
 * Writes the session if the update changes it. The version check refuses a write based on a stale read (two
 * messages from one user processed at once): returns false, and the caller decides what to do.
 */
export async function saveSession(
  db: Db,
  contactId: number,
  loaded: LoadedSession,
  update: SessionUpdate | undefined,
  now: Date,
): Promise<boolean> {
  if (!update) return true
  const data =
    'clear' in update
      ? { flow: null, state: '{}', expiresAt: null }
      : { flow: update.flow, state: JSON.stringify(update.state ?? {}), expiresAt: new Date(now.getTime() + update.ttlMs) }
  if (!loaded.exists) {
    try {
      await db.conversationSession.create({ data: { contactId, ...data, version: 1 } })
      return true
    } catch {
      return false
    }
  }
  const { count } = await db.conversationSession.updateMany({
    where: { contactId, version: loaded.version },
    data: { ...data, version: loaded.version + 1 },
  })
  return count === 1
}
