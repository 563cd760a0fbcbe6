import type { Context } from 'hono'
import type { CapabilityFactory } from '../capability.ts'
import type { ConsoleEnv } from '../web/console/env.ts'
import { t } from '../i18n.ts'
import { doneUrl, formatVnTime, L, Notice } from '../web/console/layout.tsx'
import { actorLabel, type StaffRole } from './actor.ts'
import { listAssignments, revokeRole } from './assignments.ts'
import { createInvite, listInvites, revokeInvite, INVITE_TTL_MS } from './invites.ts'
import { createRolesFeature, mayInvite } from './conversation.ts'
import { purgeSessions } from './signin.ts'
import './texts.ts'

const ROLES: StaffRole[] = ['collaborator', 'officer', 'admin']
const AUDIT_PAGE = 100

/**
 * Who may do what: role assignments (granted by invite or admin, revocable), invites, console sign-in links, and the
 * audit log. Chat commands in conversation.ts; on the console, roles and invites of the person's area, and for
 * admins the audit log (also as JSON at GET /api/admin/audit).
 */
export const roles: CapabilityFactory = (deps) => {
  const { db, places } = deps
  return {
    name: 'roles',
    chat: createRolesFeature(deps),
    tasks: {
      purgeConsoleSessions: ({ now }) => purgeSessions(db, now),
    },
    api(app) {
      app.get('/audit', async (c) => {
        if (c.var.actor.kind !== 'admin') return c.json({ error: { code: 'forbidden', message: t(L, 'admin.admins_only') } }, 403)
        const limit = Math.min(Math.max(Number(c.req.query('limit') ?? AUDIT_PAGE) || AUDIT_PAGE, 1), 1000)
        const before = Number(c.req.query('before'))
        const rows = await db.auditLog.findMany({ where: Number.isInteger(before) && before > 0 ? { id: { lt: before } } : {}, orderBy: { id: 'desc' }, take: limit })
        return c.json({
          entries: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actorLabel, actorKind: r.actorKind, channel: r.channel, action: r.action, subject: r.subject, detail: r.detail })),
        })
      })
    },
    console: {
      nav: [
        { path: '/roles', labelKey: 'admin.nav_roles', order: 80 },
        { path: '/audit', labelKey: 'admin.nav_audit', order: 90, roles: ['admin'] },
      ],
      routes(app) {
        const rolesPage = async (c: Context<ConsoleEnv>, newCode?: string) => {
          const actor = c.var.actor
          const now = deps.clock.now()
          const codes = await places.codesIn(actor.scope)
          const assignments = (await listAssignments(db, { codes })).filter((r) => actor.kind === 'admin' || r.role === 'collaborator' || r.contactId === actor.contactId)
          const invites = (await listInvites(db, now, codes)).filter((i) => actor.kind === 'admin' || i.role === 'collaborator')
          const scopeCodes = codes === 'all' ? null : codes
          const communes = (await places.servedCommunes()).filter((p) => scopeCodes === null || scopeCodes.has(p.code))
          const choices: { code: string; name: string }[] = []
          for (const commune of communes) {
            choices.push({ code: commune.code, name: commune.name })
            for (const v of await places.children(commune.code)) if (v.kind === 'village' && v.validTo === null) choices.push({ code: v.code, name: `${commune.name} — ${v.name}` })
          }
          const name = async (code: string | null) => (code === null ? t(L, 'roles.everywhere') : places.name(code))
          const assignmentNames = await Promise.all(assignments.map((a) => name(a.placeCode)))
          const inviteNames = await Promise.all(invites.map((i) => name(i.placeCode)))
          return c.html(
            c.var.page(t(L, 'admin.nav_roles'), (
              <>
                <Notice c={c} />
                {newCode ? (
                  <p class="flash">
                    {t(L, 'admin.invite_show')} <span class="code">/canbo {newCode}</span>
                  </p>
                ) : null}
                <h2>{t(L, 'admin.roles_title')}</h2>
                {assignments.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
                {assignments.map((a, i) => (
                  <form class="item" method="post" action={`/admin/roles/${a.id}/revoke`}>
                    <b>#{a.id}</b> {t(L, `roles.role_${a.role}`)} — {assignmentNames[i]} · <span class="muted">{a.channel} · {formatVnTime(a.verifiedAt)}</span>{' '}
                    {a.contactId !== actor.contactId ? <button class="secondary">{t(L, 'admin.revoke')}</button> : null}
                  </form>
                ))}
                <h2>{t(L, 'admin.invite_new')}</h2>
                <form class="item" method="post" action="/admin/invites">
                  <label>
                    {t(L, 'admin.invite_role')}{' '}
                    <select name="role">
                      {ROLES.filter((r) => mayInvite(actor, r)).map((r) => (
                        <option value={r}>{t(L, `roles.role_${r}`)}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t(L, 'admin.invite_place')}{' '}
                    <select name="place">
                      {choices.map((p) => (
                        <option value={p.code}>{p.name}</option>
                      ))}
                    </select>
                  </label>
                  <button>{t(L, 'admin.invite_create')}</button>
                </form>
                <h2>{t(L, 'admin.invites_title')}</h2>
                {invites.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
                {invites.map((inv, i) => (
                  <form class="item" method="post" action={`/admin/invites/${inv.id}/revoke`}>
                    {t(L, `roles.role_${inv.role}`)} — {inviteNames[i]} · <span class="muted">{t(L, `admin.invite_${inv.status}`)} · {formatVnTime(inv.expiresAt)}</span>{' '}
                    {inv.status === 'open' ? <button class="secondary">{t(L, 'admin.revoke')}</button> : null}
                  </form>
                ))}
              </>
            )),
          )
        }
        app.get('/roles', (c) => rolesPage(c))

        app.post('/invites', async (c) => {
          const actor = c.var.actor
          const form = await c.req.parseBody()
          const role = ROLES.find((r) => r === form.role)
          const place = typeof form.place === 'string' ? form.place : ''
          if (!role || !mayInvite(actor, role)) return c.redirect(doneUrl('/roles', 'not_allowed'))
          if (role !== 'admin' && (!(await places.get(place)) || !(await places.contains(actor.scope, place)))) return c.redirect(doneUrl('/roles', 'not_allowed'))
          const now = deps.clock.now()
          const invite = await createInvite(db, { role, placeCode: role === 'admin' ? null : place, createdBy: actorLabel(actor), now, ttlMs: INVITE_TTL_MS })
          await deps.audit(actor, { action: 'invite.create', subject: `invite:${invite.id}`, detail: role, channel: 'console', at: now })
          // Shown once, in this answer (never stored in clear, never put in a URL).
          return rolesPage(c, invite.code)
        })

        app.post('/invites/:id/revoke', async (c) => {
          const actor = c.var.actor
          const id = Number(c.req.param('id'))
          const invite = Number.isInteger(id) ? await db.invite.findUnique({ where: { id } }) : null
          const allowed = invite && (actor.kind === 'admin' || (invite.role === 'collaborator' && invite.placeCode !== null && (await places.contains(actor.scope, invite.placeCode))))
          if (!invite || !allowed || !(await revokeInvite(db, id, deps.clock.now()))) return c.redirect(doneUrl('/roles', 'not_found'))
          await deps.audit(actor, { action: 'invite.revoke', subject: `invite:${id}`, channel: 'console', at: deps.clock.now() })
          return c.redirect(doneUrl('/roles', 'invite_revoked'))
        })

        app.post('/roles/:id/revoke', async (c) => {
          const actor = c.var.actor
          const id = Number(c.req.param('id'))
          const row = Number.isInteger(id) ? await db.roleAssignment.findUnique({ where: { id } }) : null
          const allowed =
            row &&
            row.revokedAt === null &&
            row.contactId !== actor.contactId &&
            (actor.kind === 'admin' || (row.role === 'collaborator' && row.placeCode !== null && (await places.contains(actor.scope, row.placeCode))))
          if (!row || !allowed) return c.redirect(doneUrl('/roles', 'not_found'))
          await revokeRole(db, id, { contactId: actor.contactId, now: deps.clock.now() })
          await deps.audit(actor, { action: 'role.revoke', subject: `role:${id}`, channel: 'console', at: deps.clock.now() })
          return c.redirect(doneUrl('/roles', 'role_revoked', id))
        })

        app.get('/audit', async (c) => {
          if (c.var.actor.kind !== 'admin') return c.redirect('/admin')
          const rows = await db.auditLog.findMany({ orderBy: { id: 'desc' }, take: AUDIT_PAGE })
          return c.html(
            c.var.page(t(L, 'admin.nav_audit'), (
              <>
                <p>{t(L, 'admin.audit_intro')}</p>
                <ul class="plain">
                  {rows.map((r) => (
                    <li>
                      <b>{r.action}</b> · {r.subject}
                      {r.detail ? <span class="muted"> · {r.detail}</span> : null}
                      <div class="muted">
                        {formatVnTime(r.at)} · {t(L, 'admin.audit_actor')}: {r.actorLabel} · {t(L, 'admin.audit_channel')}: {r.channel}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )),
          )
        })
      },
    },
  }
}
