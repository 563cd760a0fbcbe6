import type { Db } from '../db.ts'
import type { Actor, Scope, StaffActor, StaffRole } from './actor.ts'
import { STAFF_ROLES } from './actor.ts'

/** An active role assignment as the rest of the code sees it. */
export interface Assignment {
  id: number
  contactId: number
  role: StaffRole
  placeCode: string | null
  verifiedAt: Date
}

interface AssignmentRow {
  id: number
  contactId: number
  role: string
  placeCode: string | null
  verifiedAt: Date
  revokedAt: Date | null
}

function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role)
}

export function scopeOf(role: StaffRole, placeCode: string | null): Scope {
  return role === 'admin' || placeCode === null ? { kind: 'all' } : { kind: 'place', placeCode }
}

/** The actor a contact is, from its active assignment (if any). A revoked or unknown role is a resident. */
export function actorFromAssignment(contactId: number, row: AssignmentRow | null | undefined): Actor {
  if (!row || row.revokedAt !== null || !isStaffRole(row.role)) return { kind: 'resident', contactId }
  return { kind: row.role, contactId, assignmentId: row.id, scope: scopeOf(row.role, row.placeCode) }
}

/** The active assignment of a contact, newest first (there is at most one; a grant revokes the previous). */
export async function activeAssignment(db: Db, contactId: number): Promise<Assignment | null> {
  const row = await db.roleAssignment.findFirst({ where: { contactId, revokedAt: null }, orderBy: { id: 'desc' } })
  if (!row || !isStaffRole(row.role)) return null
  return { id: row.id, contactId: row.contactId, role: row.role, placeCode: row.placeCode, verifiedAt: row.verifiedAt }
}

export async function actorOf(db: Db, contactId: number): Promise<Actor> {
  const row = await db.roleAssignment.findFirst({ where: { contactId, revokedAt: null }, orderBy: { id: 'desc' } })
  return actorFromAssignment(contactId, row)
}

/** The actor behind an assignment id, if it is still active (console sessions and sign-in links). */
export async function actorOfAssignment(db: Db, assignmentId: number): Promise<StaffActor | null> {
  const row = await db.roleAssignment.findUnique({ where: { id: assignmentId } })
  if (!row) return null
  const actor = actorFromAssignment(row.contactId, row)
  return actor.kind === 'resident' ? null : actor
}

export interface Grant {
  contactId: number
  role: StaffRole
  placeCode: string | null
  grantedBy: 'invite' | 'admin' | 'cli'
  grantedByContactId?: number | null
  inviteId?: number | null
  now: Date
}

/**
 * Gives a contact a role. Its previous active assignment (if any) is revoked in the same batch, and the
 * sessions that rested on it are ended, so there is never more than one role behind a person.
 */
export async function grantRole(db: Db, grant: Grant): Promise<Assignment> {
  const previous = await db.roleAssignment.findMany({ where: { contactId: grant.contactId, revokedAt: null }, select: { id: true } })
  const ids = previous.map((p) => p.id)
  const [, , created] = await db.$transaction([
    db.roleAssignment.updateMany({ where: { id: { in: ids } }, data: { revokedAt: grant.now, revokedByContactId: grant.grantedByContactId ?? null } }),
    db.consoleSession.updateMany({ where: { assignmentId: { in: ids }, endedAt: null }, data: { endedAt: grant.now } }),
    db.roleAssignment.create({
      data: {
        contactId: grant.contactId,
        role: grant.role,
        placeCode: grant.role === 'admin' ? null : grant.placeCode,
        grantedBy: grant.grantedBy,
        grantedByContactId: grant.grantedByContactId ?? null,
        inviteId: grant.inviteId ?? null,
        verifiedAt: grant.now,
      },
    }),
  ])
  return { id: created.id, contactId: created.contactId, role: grant.role, placeCode: created.placeCode, verifiedAt: created.verifiedAt }
}

/**
 * Revokes an assignment: the chat commands stop at the next message, and every console session and unused sign-in
 * link resting on it ends at once. False when it was not active.
 */
export async function revokeRole(db: Db, assignmentId: number, by: { contactId: number | null; now: Date }): Promise<boolean> {
  const [revoked] = await db.$transaction([
    db.roleAssignment.updateMany({ where: { id: assignmentId, revokedAt: null }, data: { revokedAt: by.now, revokedByContactId: by.contactId } }),
    db.consoleSession.updateMany({ where: { assignmentId, endedAt: null }, data: { endedAt: by.now } }),
    db.signInLink.updateMany({ where: { assignmentId, usedAt: null }, data: { usedAt: by.now } }),
  ])
  return revoked.count === 1
}

export interface AssignmentListing {
  id: number
  contactId: number
  channel: string
  role: string
  placeCode: string | null
  grantedBy: string
  verifiedAt: Date
  revokedAt: Date | null
}

/** Assignments, newest first, optionally only those whose place is in `codes` (a scoped officer's view). */
export async function listAssignments(db: Db, opts: { codes?: ReadonlySet<string> | 'all'; includeRevoked?: boolean } = {}): Promise<AssignmentListing[]> {
  const rows = await db.roleAssignment.findMany({
    where: opts.includeRevoked ? {} : { revokedAt: null },
    include: { contact: { select: { channel: true } } },
    orderBy: { id: 'desc' },
  })
  const codes = opts.codes ?? 'all'
  return rows
    .filter((r) => codes === 'all' || (r.placeCode !== null && codes.has(r.placeCode)))
    .map((r) => ({
      id: r.id,
      contactId: r.contactId,
      channel: r.contact.channel,
      role: r.role,
      placeCode: r.placeCode,
      grantedBy: r.grantedBy,
      verifiedAt: r.verifiedAt,
      revokedAt: r.revokedAt,
    }))
}

/** Verified officers (and admins) whose scope contains `placeCode`: who gets a resident's hand-over. */
export async function officersFor(db: Db, contains: (scope: Scope) => Promise<boolean>): Promise<{ contactId: number; role: StaffRole }[]> {
  const rows = await db.roleAssignment.findMany({ where: { revokedAt: null, role: { in: ['officer', 'admin'] } }, orderBy: { id: 'asc' } })
  const out: { contactId: number; role: StaffRole }[] = []
  for (const r of rows) {
    if (!isStaffRole(r.role)) continue
    // Admins see everything, but are only notified of requests from communes nobody else covers.
    if (r.role === 'admin') continue
    if (await contains(scopeOf(r.role, r.placeCode))) out.push({ contactId: r.contactId, role: r.role })
  }
  if (out.length === 0) {
    for (const r of rows) if (r.role === 'admin') out.push({ contactId: r.contactId, role: 'admin' })
  }
  return out
}
