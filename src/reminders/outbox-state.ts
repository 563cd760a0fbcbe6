import type { Db } from '../db.ts'
import { chunks, inJson, JSON_IDS } from './store.ts'

/**
 * The final state of queued messages, as the outbox records it: sent, failed (given up after retries), unreachable
 * (the person blocked the bot, or Zalo's window is closed: retrying cannot help) or expired (not sent within its
 * useful time), or still pending. Read by message id from the outbox table; the reminders never write it. Knows both
 * the outbox's first statuses (pending, sent, failed, window_closed) and the rebuilt one's (… unreachable, expired,
 * cancelled), so it reads either.
 */
export type OutboxState = 'pending' | 'sent' | 'failed' | 'unreachable' | 'expired'

/**
 * Telegram's and Zalo's permanent refusals, for outbox rows that recorded them only as an error text: "Forbidden:
 * bot was blocked by the user", "user is deactivated", "chat not found", Zalo -230/-232 (window) and -201 (user id).
 */
const PERMANENT = /RecipientUnreachable|\b403\b|blocked by the user|user is deactivated|chat not found|ZaloWindowClosed|failed with -23[02]\b/i

export function stateOf(row: { status: string; lastError: string | null }): OutboxState {
  switch (row.status) {
    case 'sent':
      return 'sent'
    case 'unreachable':
    case 'window_closed':
      return 'unreachable'
    case 'expired':
    case 'cancelled':
      return 'expired'
    case 'failed':
      return row.lastError && PERMANENT.test(row.lastError) ? 'unreachable' : 'failed'
    default:
      // A pending message whose last try met a permanent refusal is as good as unreachable: it will not get through.
      return row.lastError && PERMANENT.test(row.lastError) ? 'unreachable' : 'pending'
  }
}

export interface OutboxView {
  state: OutboxState
  /** An error was met on the way (the message may still be retried). */
  troubled: boolean
  /** Why the recipient cannot be reached, when unreachable. */
  reason: 'blocked' | 'zalo_window' | null
}

export async function outboxStates(db: Db, ids: readonly number[]): Promise<Map<number, OutboxView>> {
  const out = new Map<number, OutboxView>()
  for (const part of chunks(ids, JSON_IDS)) {
    const raw = await db.$queryRawUnsafe<{ id: number | bigint; status: string; lastError: string | null }[]>(
      `SELECT "id", "status", "lastError" FROM "OutboxMessage" WHERE ${inJson('"id"')}`,
      JSON.stringify(part),
    )
    for (const row of raw) {
      const r = { id: Number(row.id), status: row.status, lastError: row.lastError }
      const state = stateOf(r)
      const windowed = r.status === 'window_closed' || /ZaloWindowClosed|-23[02]/.test(r.lastError ?? '')
      out.set(r.id, { state, troubled: r.lastError !== null, reason: state === 'unreachable' ? (windowed ? 'zalo_window' : 'blocked') : null })
    }
  }
  return out
}
