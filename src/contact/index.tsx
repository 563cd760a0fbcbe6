import type { CapabilityFactory } from '../capability.ts'
import type { RecentTurn } from '../dialogue/types.ts'
import { t } from '../i18n.ts'
import { isOfficer } from '../roles/actor.ts'
import { doneUrl, formatVnTime, L, Notice } from '../web/console/layout.tsx'
import { Transcript } from './transcript.tsx'
import { createContactFeature } from './conversation.ts'
import { answerHandover } from './handover.ts'
import { texts } from './texts.ts'

/**
 * Contact and hand-over: the office card and "Nhắn cán bộ xã" by chat; on the console, the requests of the
 * officer's scope (each view audit-logged) answered from the page, and the commune office details, editable.
 */
export const contact: CapabilityFactory = (deps) => {
  const { db, places } = deps
  return {
    name: 'contact',
    chat: createContactFeature(deps),
    console: {
      nav: [
        { path: '/handovers', labelKey: 'admin.nav_handovers', order: 20 },
        { path: '/offices', labelKey: 'admin.nav_offices', order: 70 },
      ],
      routes(app) {
        app.get('/handovers', async (c) => {
          const actor = c.var.actor
          if (!isOfficer(actor)) return c.redirect('/admin')
          const codes = await places.codesIn(actor.scope)
          const rows = await db.handoverRequest.findMany({
            where: codes === 'all' ? {} : { placeCode: { in: [...codes] } },
            orderBy: [{ status: 'desc' }, { id: 'desc' }],
            take: 50,
          })
          await deps.audit(actor, { action: 'handover.view_list', subject: `count:${rows.length}`, channel: 'console', at: deps.clock.now() })
          const names = new Map<string, string>()
          for (const r of rows) if (r.placeCode && !names.has(r.placeCode)) names.set(r.placeCode, await places.name(r.placeCode))
          return c.html(
            c.var.page(t(L, 'admin.nav_handovers'), (
              <>
                <Notice c={c} />
                <p>{t(L, 'admin.handovers_intro')}</p>
                {rows.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
                {rows.map((r) => (
                  <div class="item">
                    <div class="muted">
                      #{r.id} · {formatVnTime(r.createdAt)} · {r.placeCode ? (names.get(r.placeCode) ?? r.placeCode) : '—'} ·{' '}
                      <b>{t(L, r.status === 'open' ? 'admin.status_open' : 'admin.status_answered')}</b>
                    </div>
                    <div class="q">{r.question}</div>
                    <details>
                      <summary>{t(L, 'admin.transcript')}</summary>
                      <Transcript turns={JSON.parse(r.transcript) as RecentTurn[]} />
                    </details>
                    {r.status === 'open' ? (
                      <form method="post" action={`/admin/handovers/${r.id}/answer`}>
                        <textarea name="answer" required maxlength={2000} aria-label={t(L, 'admin.answer')} placeholder={t(L, 'admin.answer')}></textarea>
                        <button>{t(L, 'admin.send_answer')}</button>
                      </form>
                    ) : (
                      <div class="answer">{r.answer}</div>
                    )}
                  </div>
                ))}
              </>
            )),
          )
        })

        app.post('/handovers/:id/answer', async (c) => {
          const actor = c.var.actor
          const id = Number(c.req.param('id'))
          const form = await c.req.parseBody()
          const answer = typeof form.answer === 'string' ? form.answer.trim() : ''
          if (!isOfficer(actor) || !Number.isInteger(id) || !answer) return c.redirect('/admin/handovers')
          const request = await db.handoverRequest.findUnique({ where: { id } })
          if (!request || !(await places.contains(actor.scope, request.placeCode))) return c.redirect('/admin/handovers')
          const outcome = await answerHandover(deps, { id, answer, actor, channel: 'console', now: deps.clock.now() })
          return c.redirect(doneUrl('/handovers', outcome === 'sent' ? 'answered' : 'already_answered', id))
        })

        app.get('/offices', async (c) => {
          const codes = await places.codesIn(c.var.actor.scope)
          const served = (await places.servedCommunes()).map((p) => p.code).filter((code) => codes === 'all' || codes.has(code))
          const offices = await db.communeOffice.findMany({ where: { placeCode: { in: served } }, orderBy: { placeCode: 'asc' } })
          return c.html(
            c.var.page(t(L, 'admin.nav_offices'), (
              <>
                <Notice c={c} />
                <p>{t(L, 'admin.offices_intro')}</p>
                {offices.map((o) => (
                  <form class="item office" method="post" action={`/admin/offices/${o.placeCode.split('/')[1]}`}>
                    <h3>{o.name}</h3>
                    <label>
                      {t(L, 'admin.address')} <input name="address" value={o.address ?? ''} maxlength={200} />
                    </label>
                    <label>
                      {t(L, 'admin.phone')} <input name="phone" value={o.phone ?? ''} maxlength={40} inputmode="tel" />
                    </label>
                    <label>
                      {t(L, 'admin.hours')} <input name="hours" value={o.hours ?? ''} maxlength={200} />
                    </label>
                    <label>
                      {t(L, 'admin.note')} <input name="note" value={o.note ?? ''} maxlength={300} />
                    </label>
                    <button>{t(L, 'admin.save')}</button>
                  </form>
                ))}
              </>
            )),
          )
        })

        app.post('/offices/:slug', async (c) => {
          const placeCode = `quang-ngai/${c.req.param('slug')}`
          const served = (await places.servedCommunes()).some((p) => p.code === placeCode)
          if (!served || !isOfficer(c.var.actor) || !(await places.contains(c.var.actor.scope, placeCode))) return c.redirect('/admin/offices')
          const form = await c.req.parseBody()
          const field = (name: string, max: number) => {
            const v = typeof form[name] === 'string' ? (form[name] as string).trim().slice(0, max) : ''
            return v === '' ? null : v
          }
          const now = deps.clock.now()
          await db.communeOffice.update({
            where: { placeCode },
            data: { address: field('address', 200), phone: field('phone', 40), hours: field('hours', 200), note: field('note', 300), updatedByContactId: c.var.actor.contactId },
          })
          await deps.audit(c.var.actor, { action: 'office.update', subject: `office:${placeCode}`, channel: 'console', at: now })
          return c.redirect(doneUrl('/offices', 'saved'))
        })
      },
    },
  }
}

export { texts }
