/**
 * Who is speaking: resolved once per turn (chat) or per request (officer console), never from what a resident
 * chose. A role comes only from a `RoleAssignment` record (granted by an invite or an admin, revocable); a
 * resident's remembered commune (`Contact.placeCode`) is for the office card and never widens anyone's scope.
 */

/** The places an actor may see: the whole deployment, or one place with everything inside it (see places.ts). */
export type Scope = { kind: 'all' } | { kind: 'place'; placeCode: string }

export type StaffRole = 'collaborator' | 'officer' | 'admin'
export const STAFF_ROLES: readonly StaffRole[] = ['collaborator', 'officer', 'admin']

export type Actor =
  /** Anyone without an active role. */
  | { kind: 'resident'; contactId: number }
  /**
   * A verified collaborator, officer or admin. `contactId` is null only for the bootstrap admin signed in with
   * ADMIN_TOKEN on the console (no chat contact behind it); `assignmentId` is then null too.
   */
  | { kind: StaffRole; contactId: number | null; assignmentId: number | null; scope: Scope; via?: 'token' | 'cli' }

export type StaffActor = Extract<Actor, { kind: StaffRole }>

/** Officers and admins: may see household data and residents' requests of their scope. */
export function isOfficer(actor: Actor): actor is StaffActor & { kind: 'officer' | 'admin' } {
  return actor.kind === 'officer' || actor.kind === 'admin'
}

/** Collaborators, officers and admins. */
export function isStaff(actor: Actor): actor is StaffActor {
  return actor.kind !== 'resident'
}

/** A short, stable label for logs and the audit trail: `officer#12`, `admin:token`, `resident#3`. */
export function actorLabel(actor: Actor): string {
  if (actor.kind === 'resident') return `resident#${actor.contactId}`
  return actor.contactId === null ? `${actor.kind}:${actor.via ?? 'token'}` : `${actor.kind}#${actor.contactId}`
}

/** The bootstrap admin of the console (ADMIN_TOKEN): whole deployment, no contact. */
export const TOKEN_ADMIN: StaffActor = { kind: 'admin', contactId: null, assignmentId: null, scope: { kind: 'all' }, via: 'token' }

/** Whoever runs the command-line tools on the server: the whole deployment, no contact. */
export const CLI_ADMIN: StaffActor = { kind: 'admin', contactId: null, assignmentId: null, scope: { kind: 'all' }, via: 'cli' }
