import { parseArgs } from 'node:util'
import { openNodeRuntime } from './node-runtime.ts'
import { createInvite, INVITE_TTL_MS } from '../roles/invites.ts'
import { STAFF_ROLES, CLI_ADMIN, type StaffRole } from '../roles/actor.ts'
import { createAudit } from '../roles/audit.ts'
import { createLogger } from '../logger.ts'

const USAGE = 'usage: npm run -s invite -- --role officer|collaborator|admin --place <place code> [--hours 1-720]'

/**
 * `npm run -s invite -- --role officer|collaborator|admin --place <code>`: a single-use invite, valid 72 hours by
 * default, printed as one JSON line `{"code","role","place","expiresAt"}`. The person sends `/canbo <code>` to the
 * bot on their channel. `npm run -s places` lists the codes. An admin's scope is the whole deployment whatever the
 * place.
 */
export async function runInvite(argv: string[] = process.argv.slice(3)): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: { place: { type: 'string' }, role: { type: 'string', default: 'officer' }, hours: { type: 'string' }, days: { type: 'string' } } }))
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`)
    return 64
  }
  const role = values.role as StaffRole
  const hours = values.hours !== undefined ? Number(values.hours) : values.days !== undefined ? Number(values.days) * 24 : INVITE_TTL_MS / 3600_000
  if (!(STAFF_ROLES as readonly string[]).includes(role) || !(hours >= 1 && hours <= 720) || (role !== 'admin' && !values.place)) {
    console.error(USAGE)
    return 64
  }
  const { db } = openNodeRuntime()
  try {
    const place = values.place ? await db.place.findUnique({ where: { code: values.place } }) : null
    if (values.place && !place) {
      const communes = await db.place.findMany({ where: { kind: 'commune', validTo: null }, select: { code: true } })
      console.error(`Unknown place "${values.place}". Current communes: ${communes.map((c) => c.code).join(', ')} (npm run -s places lists all).`)
      return 2
    }
    if (place && place.validTo !== null) {
      console.error(`"${place.code}" (${place.name}) no longer exists since ${place.validTo}; use ${place.successorCode ?? 'a current place'}.`)
      return 2
    }
    const now = new Date()
    const invite = await createInvite(db, { role, placeCode: place?.code ?? null, createdBy: 'cli', now, ttlMs: hours * 3600_000 })
    await createAudit(db, createLogger({ level: 'error' }))(CLI_ADMIN, { action: 'invite.create', subject: `invite:${invite.id}`, detail: role, channel: 'cli', at: now })
    console.log(JSON.stringify({ code: invite.code, role, place: place?.code ?? null, expiresAt: invite.expiresAt.toISOString() }))
    return 0
  } finally {
    await db.$disconnect()
  }
}
