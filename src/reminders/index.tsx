import type { Context } from 'hono'
import type { CapabilityFactory } from '../capability.ts'
import type { ConsoleEnv } from '../web/console/env.ts'
import { t } from '../i18n.ts'
import { isOfficer } from '../roles/actor.ts'
import { doneUrl, formatVnTime, L, Notice } from '../web/console/layout.tsx'
import { createRemindersFeature } from './conversation.ts'
import { runReminders } from './dispatch.ts'
import { cancelEvent, checkEvent, createEvent, eventAsInput, eventInScope, placeCodesOf, updateEvent, type EventRow, type FieldErrors } from './events.ts'
import { planEvent } from './plan.ts'
import { eventReport } from './report.ts'
import { eventTitle, kindLabel } from './render.ts'
import { DAY_MS } from './time.ts'
import { texts } from './texts.ts'

/** A time as a datetime-local field shows it, in Vietnam time. */
function localInput(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 16)
}

/**
 * Reminders (issue #10): events (training sessions, meetings, survey deadlines) and the review calendar, planned
 * per recipient and offset, dispatched every minute through the outbound path; answers, reports, the officer page
 * and `POST /api/admin/events`.
 */
export const reminders: CapabilityFactory = (deps) => {
  const { db, places } = deps
  const dispatchDeps = { db, places, outbound: deps.outbound, logger: deps.logger, zaloTemplate: deps.zaloTemplate }

  const eventJson = (e: EventRow) => ({
    id: e.id,
    kind: e.kind,
    title: eventTitle('vi', e),
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt?.toISOString() ?? null,
    location: e.location,
    placeCodes: placeCodesOf(e),
    audience: e.audience,
    public: e.public,
    status: e.status,
    version: e.version,
  })
  const fieldError = (c: Context<ConsoleEnv>, status: 400 | 403, errors: FieldErrors) =>
    c.json({ error: { code: status === 403 ? 'forbidden' : 'invalid', message: t(L, status === 403 ? 'reminders.errors.forbidden' : 'reminders.errors.invalid'), fields: errors } }, status)

  async function readJson(c: Context<ConsoleEnv>): Promise<unknown> {
    try {
      return await c.req.json()
    } catch {
      return undefined
    }
  }

  /** The event, if the caller may change it (officers of its area; admins). */
  async function editable(c: Context<ConsoleEnv>, id: number): Promise<EventRow | null> {
    const event = Number.isInteger(id) ? await db.reminderEvent.findUnique({ where: { id } }) : null
    if (!event || !isOfficer(c.var.actor) || !(await eventInScope(places, c.var.actor, event))) return null
    return event
  }

  return {
    name: 'reminders',
    chat: createRemindersFeature(deps),
    tasks: {
      reminders: ({ now }) => runReminders(dispatchDeps, now),
    },
    api(app) {
      app.post('/events', async (c) => {
        const actor = c.var.actor
        if (!isOfficer(actor)) return c.json({ error: { code: 'forbidden', message: t(L, 'reminders.errors.officers_only') } }, 403)
        const body = await readJson(c)
        const now = deps.clock.now()
        const checked = await checkEvent({ places }, actor, body, now)
        if (!checked.ok) return fieldError(c, checked.status, checked.errors)
        const event = await createEvent(deps, actor, checked.value, 'api', now)
        await planEvent(dispatchDeps, event, now)
        return c.json({ event: eventJson((await db.reminderEvent.findUnique({ where: { id: event.id } }))!) }, 201)
      })
      app.get('/events', async (c) => {
        const actor = c.var.actor
        const now = deps.clock.now()
        const rows = await db.reminderEvent.findMany({ where: { startsAt: { gte: new Date(now.getTime() - 7 * DAY_MS) } }, orderBy: { startsAt: 'asc' }, take: 500 })
        const out = []
        for (const e of rows) if (await eventInScope(places, actor, e)) out.push(eventJson(e))
        return c.json({ events: out })
      })
      app.get('/events/:id', async (c) => {
        const event = await editable(c, Number(c.req.param('id')))
        if (!event) return c.json({ error: { code: 'not_found', message: t(L, 'reminders.errors.not_found') } }, 404)
        const report = await eventReport(dispatchDeps, event, deps.clock.now())
        await deps.audit(c.var.actor, { action: 'reminder.report', subject: `event:${event.id}`, channel: 'api', at: deps.clock.now() })
        return c.json({ event: eventJson(event), report })
      })
      app.patch('/events/:id', async (c) => {
        const event = await editable(c, Number(c.req.param('id')))
        if (!event || event.status !== 'scheduled') return c.json({ error: { code: 'not_found', message: t(L, 'reminders.errors.not_found') } }, 404)
        const body = await readJson(c)
        if (!body || typeof body !== 'object' || Array.isArray(body)) return fieldError(c, 400, { body: t(L, 'reminders.errors.body') })
        const now = deps.clock.now()
        const checked = await checkEvent({ places }, c.var.actor, { ...eventAsInput(event), ...(body as object) }, now)
        if (!checked.ok) return fieldError(c, checked.status, checked.errors)
        const updated = await updateEvent(deps, c.var.actor, event, checked.value, 'api', now)
        await planEvent(dispatchDeps, updated, now)
        return c.json({ event: eventJson((await db.reminderEvent.findUnique({ where: { id: event.id } }))!) })
      })
      app.delete('/events/:id', async (c) => {
        const event = await editable(c, Number(c.req.param('id')))
        if (!event) return c.json({ error: { code: 'not_found', message: t(L, 'reminders.errors.not_found') } }, 404)
        const now = deps.clock.now()
        await cancelEvent(deps, c.var.actor, event.id, 'api', now)
        const cancelled = (await db.reminderEvent.findUnique({ where: { id: event.id } }))!
        await planEvent(dispatchDeps, cancelled, now)
        return c.json({ event: eventJson(cancelled) })
      })
    },
    console: {
      nav: [{ path: '/reminders', labelKey: 'reminders.admin.nav', order: 30 }],
      routes(app) {
        const listPage = async (c: Context<ConsoleEnv>, form?: { values: Record<string, string>; errors: FieldErrors }) => {
          const actor = c.var.actor
          const now = deps.clock.now()
          const rows = await db.reminderEvent.findMany({ where: { startsAt: { gte: new Date(now.getTime() - 3 * DAY_MS), lte: new Date(now.getTime() + 90 * DAY_MS) } }, orderBy: { startsAt: 'asc' }, take: 300 })
          const events: EventRow[] = []
          for (const e of rows) if (await eventInScope(places, actor, e)) events.push(e)
          const reports = await Promise.all(events.slice(0, 40).map((e) => eventReport(dispatchDeps, e, now)))
          const choices: { code: string; name: string }[] = []
          const codes = await places.codesIn(actor.scope)
          for (const commune of await places.servedCommunes()) {
            if (codes !== 'all' && !codes.has(commune.code)) continue
            choices.push({ code: commune.code, name: commune.name })
            const inside = await places.codesIn({ kind: 'place', placeCode: commune.code })
            if (inside === 'all') continue
            for (const code of inside) {
              const v = await places.get(code)
              if (v && v.kind === 'village' && v.validTo === null && (codes === 'all' || codes.has(code))) choices.push({ code, name: `${commune.name} — ${v.name}` })
            }
          }
          const v = form?.values ?? {}
          const err = form?.errors ?? {}
          await deps.audit(actor, { action: 'reminder.view_list', subject: `count:${events.length}`, channel: 'console', at: now })
          return c.html(
            c.var.page(t(L, 'reminders.admin.nav'), (
              <>
                <Notice c={c} />
                <p>{t(L, 'reminders.admin.intro')}</p>
                {events.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
                <div class="table">
                  <table>
                    <tr>
                      <th>{t(L, 'reminders.admin.when')}</th>
                      <th>{t(L, 'reminders.admin.what')}</th>
                      <th>{t(L, 'reminders.admin.answers')}</th>
                      <th>{t(L, 'reminders.admin.not_reached')}</th>
                    </tr>
                    {events.slice(0, 40).map((e, i) => {
                      const r = reports[i]!
                      return (
                        <tr>
                          <td>{formatVnTime(e.startsAt)}</td>
                          <td>
                            <a href={`/admin/reminders/${e.id}`}>{eventTitle(L, e)}</a>
                            <div class="muted">
                              {kindLabel(L, e.kind)}
                              {e.status === 'cancelled' ? ` · ${t(L, 'reminders.admin.cancelled')}` : ''}
                            </div>
                          </td>
                          <td>
                            {e.kind === 'deadline'
                              ? t(L, 'reminders.admin.deadline_counts', { done: r.villages.filter((x) => x.state === 'done').length, open: r.villages.filter((x) => x.state !== 'done').length })
                              : t(L, 'reminders.admin.event_counts', { yes: r.counts.yes, no: r.counts.no, none: r.counts.noAnswer })}
                          </td>
                          <td>{r.counts.notReached}</td>
                        </tr>
                      )
                    })}
                  </table>
                </div>
                <h2>{t(L, 'reminders.admin.new')}</h2>
                <form class="item" method="post" action="/admin/reminders">
                  <label>
                    {t(L, 'reminders.admin.kind')}{' '}
                    <select name="kind">
                      {(['meeting', 'training', 'deadline'] as const).map((k) => (
                        <option value={k} selected={v.kind === k}>
                          {kindLabel(L, k)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {err.kind ? <p class="error">{err.kind}</p> : null}
                  <label>
                    {t(L, 'reminders.admin.title')} <input name="title" required maxlength={200} value={v.title ?? ''} />
                  </label>
                  {err.title ? <p class="error">{err.title}</p> : null}
                  <label>
                    {t(L, 'reminders.admin.starts')} <input name="startsAt" type="datetime-local" required value={v.startsAt ?? ''} />
                  </label>
                  {err.startsAt ? <p class="error">{err.startsAt}</p> : null}
                  <label>
                    {t(L, 'reminders.admin.location')} <input name="location" maxlength={300} value={v.location ?? ''} />
                  </label>
                  {err.location ? <p class="error">{err.location}</p> : null}
                  <label>
                    {t(L, 'reminders.admin.place')}{' '}
                    <select name="place">
                      {choices.map((p) => (
                        <option value={p.code} selected={v.place === p.code}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  {err.placeCodes ? <p class="error">{err.placeCodes}</p> : null}
                  <label>
                    {t(L, 'reminders.admin.audience')}{' '}
                    <select name="audience">
                      {(['all', 'collaborators', 'officers'] as const).map((a) => (
                        <option value={a} selected={v.audience === a}>
                          {t(L, `reminders.audience_button.${a}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button>{t(L, 'reminders.admin.create')}</button>
                </form>
              </>
            )),
          )
        }
        app.get('/reminders', (c) => listPage(c))

        app.post('/reminders', async (c) => {
          const actor = c.var.actor
          const form = await c.req.parseBody()
          const values: Record<string, string> = {}
          for (const k of ['kind', 'title', 'startsAt', 'location', 'place', 'audience']) values[k] = typeof form[k] === 'string' ? (form[k] as string) : ''
          if (!isOfficer(actor)) return c.redirect(doneUrl('/reminders', 'not_allowed'))
          // datetime-local has no offset: the form is in Vietnam time.
          const startsAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(values.startsAt!) ? `${values.startsAt}:00+07:00` : values.startsAt
          const now = deps.clock.now()
          const checked = await checkEvent(
            { places },
            actor,
            { kind: values.kind, title: values.title, startsAt, location: values.location || null, placeCodes: values.place ? [values.place] : undefined, audience: values.audience || 'all' },
            now,
          )
          if (!checked.ok) {
            c.status(checked.status)
            return listPage(c, { values, errors: checked.errors })
          }
          const event = await createEvent(deps, actor, checked.value, 'console', now)
          await planEvent(dispatchDeps, event, now)
          return c.redirect(doneUrl('/reminders', 'reminder_created', event.id))
        })

        app.get('/reminders/:id', async (c) => {
          const event = await editable(c, Number(c.req.param('id')))
          if (!event) return c.redirect('/admin/reminders')
          const now = deps.clock.now()
          const report = await eventReport(dispatchDeps, event, now)
          await deps.audit(c.var.actor, { action: 'reminder.report', subject: `event:${event.id}`, channel: 'console', at: now })
          const names = (await Promise.all(placeCodesOf(event).map((p) => places.name(p)))).join(', ')
          return c.html(
            c.var.page(eventTitle(L, event), (
              <>
                <p>
                  <b>{eventTitle(L, event)}</b> · {kindLabel(L, event.kind)} · {formatVnTime(event.startsAt)}
                  {event.location ? ` · ${event.location}` : ''} · {names}
                  {event.status === 'cancelled' ? ` · ${t(L, 'reminders.admin.cancelled')}` : ''}
                </p>
                {report.villages.length > 0 ? (
                  <>
                    <h2>{t(L, 'reminders.admin.villages')}</h2>
                    <div class="table">
                      <table>
                        {report.villages.map((v) => (
                          <tr>
                            <td>{v.name}</td>
                            <td>{t(L, `reminders.admin.village_${v.state}`)}</td>
                          </tr>
                        ))}
                      </table>
                    </div>
                  </>
                ) : null}
                <h2>{t(L, 'reminders.admin.people')}</h2>
                <div class="table">
                  <table>
                    <tr>
                      <th>{t(L, 'reminders.admin.person')}</th>
                      <th>{t(L, 'reminders.admin.answer')}</th>
                      <th>{t(L, 'reminders.admin.reach')}</th>
                    </tr>
                    {report.people.map((p) => (
                      <tr>
                        <td>
                          {t(L, `reminders.role.${p.role}`)} {p.placeName} <span class="muted">#{p.contactId} · {p.channel}</span>
                        </td>
                        <td>{p.answer ? t(L, `reminders.admin.answer_${p.answer}`) : '—'}</td>
                        <td>{t(L, `reminders.admin.reach_${p.reach}`)}</td>
                      </tr>
                    ))}
                  </table>
                </div>
                {event.status === 'scheduled' ? (
                  <>
                    <h2>{t(L, 'reminders.admin.move')}</h2>
                    <form class="item" method="post" action={`/admin/reminders/${event.id}/move`}>
                      <label>
                        {t(L, 'reminders.admin.starts')} <input name="startsAt" type="datetime-local" required value={localInput(event.startsAt)} />
                      </label>
                      {c.req.query('error') === 'starts' ? <p class="error">{t(L, 'reminders.errors.starts_past')}</p> : null}
                      <label>
                        {t(L, 'reminders.admin.location')} <input name="location" maxlength={300} value={event.location ?? ''} />
                      </label>
                      <button>{t(L, 'reminders.admin.move_save')}</button>
                    </form>
                    <form method="post" action={`/admin/reminders/${event.id}/cancel`}>
                      <button class="secondary">{t(L, 'reminders.admin.cancel')}</button>
                    </form>
                  </>
                ) : null}
              </>
            )),
          )
        })

        app.post('/reminders/:id/move', async (c) => {
          const event = await editable(c, Number(c.req.param('id')))
          if (!event || event.status !== 'scheduled') return c.redirect('/admin/reminders')
          const form = await c.req.parseBody()
          const raw = typeof form.startsAt === 'string' ? form.startsAt : ''
          const startsAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw) ? `${raw}:00+07:00` : raw
          const location = typeof form.location === 'string' ? form.location : event.location
          const now = deps.clock.now()
          const checked = await checkEvent({ places }, c.var.actor, { ...eventAsInput(event), startsAt, location }, now)
          if (!checked.ok) return c.redirect(`/admin/reminders/${event.id}?error=starts`)
          const updated = await updateEvent(deps, c.var.actor, event, checked.value, 'console', now)
          await planEvent(dispatchDeps, updated, now)
          return c.redirect(doneUrl('/reminders', 'reminder_moved', event.id))
        })

        app.post('/reminders/:id/cancel', async (c) => {
          const event = await editable(c, Number(c.req.param('id')))
          if (!event) return c.redirect('/admin/reminders')
          const now = deps.clock.now()
          if (await cancelEvent(deps, c.var.actor, event.id, 'console', now)) await planEvent(dispatchDeps, (await db.reminderEvent.findUnique({ where: { id: event.id } }))!, now)
          return c.redirect(doneUrl('/reminders', 'reminder_cancelled', event.id))
        })
      },
    },
  }
}

export { texts }
