import type { CapabilityDeps } from '../capability.ts'
import type { Button } from '../messages.ts'
import type { Feature, TurnContext, TurnResult } from '../dialogue/types.ts'
import { officersOnly, type OfficerContext } from '../dialogue/guards.ts'
import { t, type Locale } from '../i18n.ts'
import { LIMITS } from '../limits.ts'
import { fold } from '../nlu/normalize.ts'
import { VN_OFFSET_MS } from '../clock.ts'
import { actorLabel, type StaffActor, type StaffRole } from './actor.ts'
import { listAssignments, revokeRole } from './assignments.ts'
import { canonicalInviteCode, createInvite, inviteByCode, redeemInvite, revokeInvite } from './invites.ts'
import { createSignInLink } from './signin.ts'
import './texts.ts'

type Deps = Pick<CapabilityDeps, 'db' | 'logger' | 'places' | 'audit' | 'limiter' | 'publicOrigin'>

const ROLE_CODE: Record<StaffRole, string> = { collaborator: 'c', officer: 'o', admin: 'a' }
const ROLE_OF: Record<string, StaffRole> = { c: 'collaborator', o: 'officer', a: 'admin' }
/** Words people type for a role in `/moi <role> <place>`. */
const ROLE_WORDS: Record<string, StaffRole> = {
  ctv: 'collaborator', collaborator: 'collaborator', congtacvien: 'collaborator', 'cong tac vien': 'collaborator',
  canbo: 'officer', 'can bo': 'officer', officer: 'officer', admin: 'admin', quantri: 'admin', 'quan tri': 'admin',
}
// Button values allow no '/', place codes use it: swap for '.', which codes never contain.
const enc = (code: string) => code.replace(/\//g, '.')
const dec = (value: string) => value.replace(/\./g, '/')

function vnDay(at: Date): string {
  const d = new Date(at.getTime() + VN_OFFSET_MS).toISOString()
  return `${d.slice(11, 16)} ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
}

/** Who may create an invite for which role: admins any; officers only collaborators of their own area. */
export function mayInvite(actor: StaffActor, role: StaffRole): boolean {
  return actor.kind === 'admin' || (actor.kind === 'officer' && role === 'collaborator')
}

/**
 * Roles by chat: `/canbo <code>` redeems an invite (anyone; wrong codes limited per contact and per address),
 * `/trang` or "mở trang cán bộ" sends a one-time sign-in link to the officer console, and for officers and admins
 * `/moi` issues invites (buttons for role and place), `/vaitro` lists the roles of their area and `/thuhoi` revokes.
 */
export function createRolesFeature(deps: Deps): Feature {
  const { db, places } = deps
  const roleName = (locale: Locale, role: string) => t(locale, `roles.role_${role}`)

  async function placeLabel(locale: Locale, code: string | null): Promise<string> {
    return code === null ? t(locale, 'roles.everywhere') : places.name(code)
  }

  async function redeem(ctx: TurnContext): Promise<TurnResult> {
    const code = (ctx.command?.args ?? '').trim()
    if (!code) return { replies: [{ text: t(ctx.locale, 'roles.invite_usage') }] }
    const keys = [`invite:contact:${ctx.contact.id}`, ...(ctx.inbound.clientAddress ? [`invite:addr:${ctx.inbound.clientAddress}`] : [])]
    const states = await Promise.all(keys.map((k) => deps.limiter.peek(k, LIMITS.inviteFailures, ctx.now)))
    const locked = states.find((s) => !s.allowed)
    if (locked) {
      deps.logger.warn('invite.locked', { contactId: ctx.contact.id })
      return { replies: [{ text: t(ctx.locale, 'roles.invite_locked', { minutes: Math.ceil(locked.retryAfterMs / 60_000) }) }] }
    }
    const result = await redeemInvite(db, { code, contactId: ctx.contact.id, now: ctx.now })
    if (!result.ok) {
      await Promise.all(keys.map((k) => deps.limiter.hit(k, LIMITS.inviteFailures, ctx.now)))
      deps.logger.warn('invite.rejected', { contactId: ctx.contact.id })
      return { replies: [{ text: t(ctx.locale, 'roles.invite_invalid') }] }
    }
    const a = result.assignment
    const actor: StaffActor = { kind: a.role, contactId: a.contactId, assignmentId: a.id, scope: a.placeCode ? { kind: 'place', placeCode: a.placeCode } : { kind: 'all' } }
    await deps.audit(actor, { action: 'role.grant', subject: `role:${a.id}`, detail: `invite:${result.inviteId}`, channel: ctx.inbound.channel, at: ctx.now })
    const place = await placeLabel(ctx.locale, a.placeCode)
    return {
      replies: [{ text: `${t(ctx.locale, 'roles.invite_ok', { role: roleName(ctx.locale, a.role), place })}\n${t(ctx.locale, `roles.invite_ok_${a.role}`)}` }],
    }
  }

  async function signInLink(ctx: OfficerContext): Promise<TurnResult> {
    const limit = await deps.limiter.hit(`signin:contact:${ctx.contact.id}`, LIMITS.signInLinks, ctx.now)
    if (!limit.allowed) return { replies: [{ text: t(ctx.locale, 'roles.link_too_many', { minutes: Math.ceil(limit.retryAfterMs / 60_000) }) }] }
    const { token } = await createSignInLink(db, { contactId: ctx.contact.id, assignmentId: ctx.actor.assignmentId!, now: ctx.now })
    await deps.audit(ctx.actor, { action: 'console.link', subject: `contact:${ctx.contact.id}`, channel: ctx.inbound.channel, at: ctx.now })
    // The link is a credential: it never reaches the recent-turns transcript or a hand-over.
    return {
      replies: [{ text: t(ctx.locale, 'roles.link_sent', { url: `${deps.publicOrigin}/admin/signin/${token}` }) }],
      redact: { user: ctx.text ?? '/trang', bot: t(ctx.locale, 'roles.link_sent', { url: '[…]' }) },
    }
  }

  async function makeInvite(ctx: OfficerContext, role: StaffRole, placeCode: string | null): Promise<TurnResult> {
    if (!mayInvite(ctx.actor, role)) return { replies: [{ text: t(ctx.locale, 'roles.invite_not_allowed') }] }
    if (role !== 'admin') {
      const place = placeCode ? await places.get(placeCode) : null
      if (!place || !placeCode || !(await places.contains(ctx.actor.scope, placeCode))) {
        return { replies: [{ text: t(ctx.locale, 'roles.invite_place_unknown', { place: placeCode ?? '' }) }] }
      }
    }
    const invite = await createInvite(db, { role, placeCode: role === 'admin' ? null : placeCode, createdBy: actorLabel(ctx.actor), now: ctx.now })
    await deps.audit(ctx.actor, { action: 'invite.create', subject: `invite:${invite.id}`, detail: role, channel: ctx.inbound.channel, at: ctx.now })
    const text = t(ctx.locale, 'roles.invite_created', {
      role: roleName(ctx.locale, role),
      place: await placeLabel(ctx.locale, invite.placeCode),
      expires: vnDay(invite.expiresAt),
      code: invite.code,
    })
    // A code is a credential too: the transcript keeps that one was made, not the code.
    return { replies: [{ text }], redact: { user: ctx.text ?? '/moi', bot: t(ctx.locale, 'roles.invite_created', { role: roleName(ctx.locale, role), place: '…', expires: '…', code: '[…]' }) } }
  }

  async function communeButtons(ctx: OfficerContext, role: StaffRole): Promise<Button[]> {
    const codes = await places.codesIn(ctx.actor.scope)
    const communes = (await places.servedCommunes()).filter((c) => codes === 'all' || codes.has(c.code))
    return communes.map((c) => ({ label: c.name.replace(/^xã /, ''), value: `roles:${role === 'collaborator' ? 'vil' : 'mk'}:${ROLE_CODE[role]}:${enc(c.code)}` }))
  }

  async function askRole(ctx: OfficerContext): Promise<TurnResult> {
    const roles: StaffRole[] = ctx.actor.kind === 'admin' ? ['collaborator', 'officer', 'admin'] : ['collaborator']
    if (roles.length === 1) return askPlace(ctx, 'collaborator')
    return {
      replies: [{ text: t(ctx.locale, 'roles.ask_role'), buttons: roles.map((r) => ({ label: t(ctx.locale, `roles.button_role_${r}`), value: `roles:inv:${ROLE_CODE[r]}` })) }],
    }
  }

  async function askPlace(ctx: OfficerContext, role: StaffRole): Promise<TurnResult> {
    if (role === 'admin') return makeInvite(ctx, 'admin', null)
    const buttons = await communeButtons(ctx, role)
    if (buttons.length === 1 && role === 'collaborator') return askVillage(ctx, dec(buttons[0]!.value.split(':')[3]!))
    if (buttons.length === 0) return { replies: [{ text: t(ctx.locale, 'roles.invite_not_allowed') }] }
    return { replies: [{ text: t(ctx.locale, 'roles.ask_place'), buttons }] }
  }

  async function askVillage(ctx: OfficerContext, commune: string): Promise<TurnResult> {
    const villages = (await places.children(commune)).filter((p) => p.kind === 'village' && p.validTo === null)
    const whole = { label: t(ctx.locale, 'roles.whole_commune'), value: `roles:mk:c:${enc(commune)}` }
    if (villages.length === 0) return { replies: [{ text: t(ctx.locale, 'roles.no_villages'), buttons: [whole] }] }
    return {
      replies: [{ text: t(ctx.locale, 'roles.ask_village'), buttons: [...villages.slice(0, 8).map((v) => ({ label: v.name, value: `roles:mk:c:${enc(v.code)}` })), whole] }],
    }
  }

  /** `/moi`, or `/moi ctv thôn 5` / `/moi canbo quang-ngai/xa-dak-pxi`: a role word, then a place code or name. */
  async function inviteCommand(ctx: OfficerContext): Promise<TurnResult> {
    const args = (ctx.command?.args ?? '').trim()
    if (!args) return askRole(ctx)
    const folded = fold(args.toLowerCase())
    const word = Object.keys(ROLE_WORDS).sort((a, b) => b.length - a.length).find((w) => folded === w || folded.startsWith(`${w} `))
    if (!word) return askRole(ctx)
    const role = ROLE_WORDS[word]!
    const rest = args.split(/\s+/).slice(word.split(' ').length).join(' ').trim()
    if (!rest) return askPlace(ctx, role)
    const place = (await places.get(rest)) ?? (await findPlaceByName(ctx, rest))
    if (!place) return { replies: [{ text: t(ctx.locale, 'roles.invite_place_unknown', { place: rest.slice(0, 60) }) }] }
    return makeInvite(ctx, role, place.code)
  }

  async function findPlaceByName(ctx: OfficerContext, name: string) {
    const wanted = fold(name.toLowerCase()).replace(/^(xa|thon|lang|plei) /, '')
    const codes = await places.codesIn(ctx.actor.scope)
    for (const code of codes === 'all' ? [] : codes) {
      const p = await places.get(code)
      if (p && p.validTo === null && fold(p.name.toLowerCase()).replace(/^(xa|thon|lang|plei) /, '') === wanted) return p
    }
    if (codes === 'all') {
      for (const commune of await places.servedCommunes()) {
        if (fold(commune.name.toLowerCase()).replace(/^xa /, '') === wanted) return commune
        for (const v of await places.children(commune.code)) if (fold(v.name.toLowerCase()).replace(/^(thon|lang|plei) /, '') === wanted) return v
      }
    }
    return null
  }

  async function listRoles(ctx: OfficerContext): Promise<TurnResult> {
    const codes = await places.codesIn(ctx.actor.scope)
    const rows = (await listAssignments(db, { codes })).filter((r) => ctx.actor.kind === 'admin' || r.role === 'collaborator' || r.contactId === ctx.contact.id)
    await deps.audit(ctx.actor, { action: 'role.list', subject: `count:${rows.length}`, channel: ctx.inbound.channel, at: ctx.now })
    if (rows.length === 0) return { replies: [{ text: t(ctx.locale, 'roles.roles_none') }] }
    const lines: string[] = []
    for (const r of rows.slice(0, 20)) {
      lines.push(t(ctx.locale, 'roles.roles_line', { id: r.id, role: roleName(ctx.locale, r.role), place: await placeLabel(ctx.locale, r.placeCode), channel: r.channel, since: vnDay(r.verifiedAt).slice(6) }))
    }
    return {
      replies: [
        {
          text: [t(ctx.locale, 'roles.roles_title', { count: rows.length }), ...lines].join('\n'),
          buttons: rows.filter((r) => r.contactId !== ctx.contact.id).slice(0, 5).map((r) => ({ label: t(ctx.locale, 'roles.button_revoke', { id: r.id }), value: `roles:rv:${r.id}` })),
        },
      ],
    }
  }

  /** Revokes a role in the actor's area (officers: collaborators only), or an unused invite by its code. */
  async function revoke(ctx: OfficerContext, arg: string): Promise<TurnResult> {
    const id = /^#?(\d{1,9})$/.exec(arg.trim())?.[1]
    if (id) {
      const row = await db.roleAssignment.findUnique({ where: { id: Number(id) } })
      const allowed =
        row !== null &&
        row.revokedAt === null &&
        (ctx.actor.kind === 'admin' || (row.role === 'collaborator' && row.placeCode !== null && (await places.contains(ctx.actor.scope, row.placeCode))))
      if (!row || !allowed) return { replies: [{ text: t(ctx.locale, 'roles.revoke_missing') }] }
      await revokeRole(db, row.id, { contactId: ctx.contact.id, now: ctx.now })
      await deps.audit(ctx.actor, { action: 'role.revoke', subject: `role:${row.id}`, channel: ctx.inbound.channel, at: ctx.now })
      return { replies: [{ text: t(ctx.locale, 'roles.revoked_role', { id: row.id }) }] }
    }
    if (!canonicalInviteCode(arg)) return { replies: [{ text: t(ctx.locale, 'roles.revoke_usage') }] }
    const invite = await inviteByCode(db, arg)
    const allowed = invite !== null && (ctx.actor.kind === 'admin' || (invite.role === 'collaborator' && invite.placeCode !== null && (await places.contains(ctx.actor.scope, invite.placeCode))))
    if (!invite || !allowed || !(await revokeInvite(db, invite.id, ctx.now))) return { replies: [{ text: t(ctx.locale, 'roles.revoke_missing') }] }
    await deps.audit(ctx.actor, { action: 'invite.revoke', subject: `invite:${invite.id}`, channel: ctx.inbound.channel, at: ctx.now })
    return { replies: [{ text: t(ctx.locale, 'roles.revoked_invite') }] }
  }

  const button = officersOnly(async (ctx) => {
    const [, action, role, place] = ctx.button?.parts ?? []
    switch (action) {
      case 'inv':
        return askPlace(ctx, ROLE_OF[role ?? ''] ?? 'collaborator')
      case 'vil':
        return askVillage(ctx, dec(place ?? ''))
      case 'mk':
        return makeInvite(ctx, ROLE_OF[role ?? ''] ?? 'collaborator', dec(place ?? ''))
      case 'rv':
        return revoke(ctx, role ?? '')
      default:
        return askRole(ctx)
    }
  })

  const openConsole = officersOnly(signInLink)
  return {
    name: 'roles',
    commands: {
      canbo: redeem,
      trang: openConsole,
      moi: officersOnly(inviteCommand),
      vaitro: officersOnly(listRoles),
      thuhoi: officersOnly((ctx) => ((ctx.command?.args ?? '').trim() ? revoke(ctx, ctx.command!.args) : { replies: [{ text: t(ctx.locale, 'roles.revoke_usage') }] })),
    },
    hears: [{ pattern: /^(mo )?trang can bo$/, handler: openConsole }],
    buttons: { roles: button },
  }
}

