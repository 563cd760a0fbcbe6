import type { Db } from '../db.ts'
import { sha256Hex } from '../util/secure.ts'
import type { StaffRole } from './actor.ts'
import { grantRole, type Assignment } from './assignments.ts'

/** How long an invite is valid unless said otherwise. */
export const INVITE_TTL_MS = 72 * 3600_000
/** Longest validity an admin may choose. */
export const INVITE_MAX_TTL_MS = 30 * 86_400_000

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE_CHARS = 8
const PREFIX = 'CB'

/** A new random code, `CB-XXXX-XXXX` (8 characters of 31: about 40 bits; guesses are limited to 5 an hour). */
export function newInviteCode(): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  const chars: string[] = []
  while (chars.length < CODE_CHARS) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) {
      if (b < 248 && chars.length < CODE_CHARS) chars.push(ALPHABET[b % ALPHABET.length]!)
    }
  }
  return `${PREFIX}-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

/**
 * The code as typed, read the same with spaces, dashes or lower case ("cb 7kx2 9qm4", "CB-7KX2-9QM4", "7kx29qm4").
 * Null when it cannot be a code at all.
 */
export function canonicalInviteCode(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s\-_.]+/g, '')
  if (s.length === CODE_CHARS + PREFIX.length && s.startsWith(PREFIX)) s = s.slice(PREFIX.length)
  if (s.length !== CODE_CHARS) return null
  for (const ch of s) if (!ALPHABET.includes(ch)) return null
  return s
}

async function codeHash(canonical: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(`invite:${canonical}`))
}

export interface NewInvite {
  id: number
  code: string
  role: StaffRole
  placeCode: string | null
  expiresAt: Date
}

/** Creates a single-use invite; only its hash is stored, so the code is shown once, here. */
export async function createInvite(
  db: Db,
  args: { role: StaffRole; placeCode: string | null; createdBy: string; now: Date; ttlMs?: number },
): Promise<NewInvite> {
  const code = newInviteCode()
  const expiresAt = new Date(args.now.getTime() + Math.min(args.ttlMs ?? INVITE_TTL_MS, INVITE_MAX_TTL_MS))
  const row = await db.invite.create({
    data: {
      codeHash: await codeHash(canonicalInviteCode(code)!),
      role: args.role,
      placeCode: args.role === 'admin' ? (args.placeCode ?? null) : args.placeCode,
      createdAt: args.now,
      expiresAt,
      createdBy: args.createdBy,
    },
  })
  return { id: row.id, code, role: args.role, placeCode: row.placeCode, expiresAt }
}

export type Redemption = { ok: true; assignment: Assignment; inviteId: number } | { ok: false }

/**
 * Redeems a code for a contact: valid only if it exists, is unused, unrevoked and unexpired. Single use: only the
 * first redemption flips `usedAt` (a compare-and-swap), even when two arrive at once.
 */
export async function redeemInvite(db: Db, args: { code: string; contactId: number; now: Date }): Promise<Redemption> {
  const canonical = canonicalInviteCode(args.code)
  if (!canonical) return { ok: false }
  const invite = await db.invite.findUnique({ where: { codeHash: await codeHash(canonical) } })
  if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt.getTime() <= args.now.getTime()) return { ok: false }
  const { count } = await db.invite.updateMany({
    where: { id: invite.id, usedAt: null, revokedAt: null },
    data: { usedAt: args.now, usedByContactId: args.contactId },
  })
  if (count !== 1) return { ok: false }
  const assignment = await grantRole(db, {
    contactId: args.contactId,
    role: invite.role as StaffRole,
    placeCode: invite.placeCode,
    grantedBy: 'invite',
    inviteId: invite.id,
    now: args.now,
  })
  return { ok: true, assignment, inviteId: invite.id }
}

/** The invite a typed code stands for, if any (whatever its status). */
export async function inviteByCode(db: Db, code: string) {
  const canonical = canonicalInviteCode(code)
  return canonical ? db.invite.findUnique({ where: { codeHash: await codeHash(canonical) } }) : null
}

/** Revokes an unused invite; false when it was already used, revoked or unknown. */
export async function revokeInvite(db: Db, id: number, now: Date): Promise<boolean> {
  const { count } = await db.invite.updateMany({ where: { id, usedAt: null, revokedAt: null }, data: { revokedAt: now } })
  return count === 1
}

export interface InviteListing {
  id: number
  role: string
  placeCode: string | null
  createdAt: Date
  expiresAt: Date
  createdBy: string
  status: 'open' | 'used' | 'revoked' | 'expired'
}

/** Invites, newest first, with their status at `now`; optionally only those for places in `codes`. */
export async function listInvites(db: Db, now: Date, codes: ReadonlySet<string> | 'all' = 'all', take = 50): Promise<InviteListing[]> {
  const rows = await db.invite.findMany({ orderBy: { id: 'desc' }, take: codes === 'all' ? take : take * 4 })
  return rows
    .filter((r) => codes === 'all' || (r.placeCode !== null && codes.has(r.placeCode)))
    .slice(0, take)
    .map((r) => ({
      id: r.id,
      role: r.role,
      placeCode: r.placeCode,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      createdBy: r.createdBy,
      status: r.usedAt ? 'used' : r.revokedAt ? 'revoked' : r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open',
    }))
}
