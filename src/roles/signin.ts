import type { Db } from '../db.ts'
import { sha256Hex } from '../util/secure.ts'
import { TOKEN_ADMIN, type StaffActor } from './actor.ts'
import { actorOfAssignment } from './assignments.ts'

/** A sign-in link sent by the bot is valid this long, once. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60_000
/** A console session lasts this long from sign-in (then sign in again). */
export const SESSION_TTL_MS = 12 * 3600_000

/** 32 random bytes, base64url: unguessable, and only its hash is stored. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export async function tokenHash(token: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(`session:${token}`))
}

/** Creates a one-time sign-in link token for an officer's active assignment. */
export async function createSignInLink(db: Db, args: { contactId: number; assignmentId: number; now: Date }): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken()
  const expiresAt = new Date(args.now.getTime() + SIGN_IN_LINK_TTL_MS)
  await db.signInLink.create({ data: { tokenHash: await tokenHash(token), contactId: args.contactId, assignmentId: args.assignmentId, createdAt: args.now, expiresAt } })
  return { token, expiresAt }
}

export type LinkUse = { ok: true; sessionToken: string; actor: StaffActor; expiresAt: Date } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' }

/**
 * Opens a sign-in link: single use (compare-and-swap on `usedAt`), within its 10 minutes, and only while the role
 * it was made for is still active. Starts a server-side session and returns its token for the cookie.
 */
export async function useSignInLink(db: Db, token: string, now: Date): Promise<LinkUse> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: 'unknown' }
  const hash = await tokenHash(token)
  const link = await db.signInLink.findUnique({ where: { tokenHash: hash } })
  if (!link) return { ok: false, reason: 'unknown' }
  if (link.usedAt) return { ok: false, reason: 'used' }
  if (link.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' }
  const { count } = await db.signInLink.updateMany({ where: { tokenHash: hash, usedAt: null }, data: { usedAt: now } })
  if (count !== 1) return { ok: false, reason: 'used' }
  const actor = await actorOfAssignment(db, link.assignmentId)
  if (!actor) return { ok: false, reason: 'revoked' }
  const session = await startSession(db, { kind: 'person', contactId: link.contactId, assignmentId: link.assignmentId, now })
  return { ok: true, sessionToken: session.token, actor, expiresAt: session.expiresAt }
}

export async function startSession(
  db: Db,
  args: { kind: 'person' | 'token'; contactId: number | null; assignmentId: number | null; now: Date },
): Promise<{ token: string; idHash: string; expiresAt: Date }> {
  const token = randomToken()
  const idHash = await tokenHash(token)
  const expiresAt = new Date(args.now.getTime() + SESSION_TTL_MS)
  await db.consoleSession.create({ data: { idHash, kind: args.kind, contactId: args.contactId, assignmentId: args.assignmentId, createdAt: args.now, expiresAt } })
  return { token, idHash, expiresAt }
}

/**
 * The person behind a session cookie: a live session (not ended, not expired) whose role is still active. A revoked
 * role ends its sessions when it is revoked; this check also catches one revoked by any other path.
 */
export async function sessionActor(db: Db, token: string | undefined, now: Date): Promise<{ actor: StaffActor; idHash: string } | null> {
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const idHash = await tokenHash(token)
  const session = await db.consoleSession.findUnique({ where: { idHash } })
  if (!session || session.endedAt || session.expiresAt.getTime() <= now.getTime()) return null
  if (session.kind === 'token') return { actor: TOKEN_ADMIN, idHash }
  if (session.assignmentId === null) return null
  const actor = await actorOfAssignment(db, session.assignmentId)
  return actor ? { actor, idHash } : null
}

/** Ends a session (logout): the cookie is worthless from now on, wherever it was copied. */
export async function endSession(db: Db, idHash: string, now: Date): Promise<void> {
  await db.consoleSession.updateMany({ where: { idHash, endedAt: null }, data: { endedAt: now } })
}

/** Deletes sessions and links that ended or expired more than a day ago. */
export async function purgeSessions(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - 86_400_000)
  const sessions = await db.consoleSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } })
  const links = await db.signInLink.deleteMany({ where: { expiresAt: { lt: before } } })
  return sessions.count + links.count
}
