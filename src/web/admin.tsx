import { Hono, type Context } from 'hono'
import { getCookie, setCookie, deleteCookie } from 'hono/cookie'
import type { Child, FC, PropsWithChildren } from 'hono/jsx'
import type { Db } from '../db.ts'
import type { Logger } from '../logger.ts'
import type { Outbound } from '../dialogue/types.ts'
import { t } from '../i18n.ts'
import { INTENT_IDS, type IntentId } from '../nlu/types.ts'
import { sha256Hex, timingSafeEqualStrings } from '../util/secure.ts'
import { answerHandover } from '../contact/handover.ts'
import { SERVED_COMMUNES } from '../places.ts'
import { vnDate, VN_OFFSET_MS } from '../clock.ts'
import { formatNumber } from '../poverty/format.ts'
import type { RecentTurn } from '../dialogue/types.ts'
import type { LearnedUtterances } from '../core/learned.ts'

/**
 * The officer page (GET /admin): what the bot could not answer (with "add to the training data"), residents'
 * requests for an officer (answer from here too), commune office details, anonymous self-check counts and the
 * published statistics. Signed in with ADMIN_TOKEN; every view of personal data is audit-logged.
 */
export interface AdminDeps {
  db: Db
  logger: Logger
  outbound: Outbound
  learned: LearnedUtterances
  adminToken: string | undefined
  now: () => Date
}

const COOKIE = 'tlgn_admin'
const L = 'vi' as const

export function adminRoutes(deps: AdminDeps): Hono {
  const app = new Hono()
  const { db } = deps

  const expectedCookie = async () => (deps.adminToken ? sha256Hex(new TextEncoder().encode(`admin:${deps.adminToken}`)) : '')
  const signedIn = async (c: Context) => {
    if (!deps.adminToken) return false
    return timingSafeEqualStrings(getCookie(c, COOKIE) ?? '', await expectedCookie())
  }
  // Forms post back to this origin only; a foreign Origin is a cross-site request.
  const sameOrigin = (c: Context) => {
    const origin = c.req.header('origin')
    return !origin || origin === new URL(c.req.url).origin
  }

  app.use('*', async (c, next) => {
    if (!deps.adminToken) return c.html(page(<p>{t(L, 'admin.disabled')}</p>), 404)
    if (c.req.method === 'POST' && !sameOrigin(c)) return c.text('Forbidden', 403)
    if (c.req.path.endsWith('/login')) return next()
    if (!(await signedIn(c))) return c.redirect('/admin/login')
    return next()
  })

  app.get('/login', (c) => c.html(page(<Login />)))
  app.post('/login', async (c) => {
    const form = await c.req.parseBody()
    const token = typeof form.token === 'string' ? form.token : ''
    if (!timingSafeEqualStrings(token, deps.adminToken ?? '')) {
      deps.logger.warn('admin.login_failed', {})
      return c.html(page(<Login error />), 401)
    }
    setCookie(c, COOKIE, await expectedCookie(), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/admin',
      maxAge: 12 * 3600,
    })
    return c.redirect('/admin')
  })
  app.post('/logout', (c) => {
    deleteCookie(c, COOKIE, { path: '/admin' })
    return c.redirect('/admin/login')
  })

  app.get('/', async (c) => {
    const since = vnDate(new Date(deps.now().getTime() - 30 * 86_400_000))
    const [openHandovers, newUnanswered, checks, stats] = await Promise.all([
      db.handoverRequest.count({ where: { status: 'open' } }),
      db.unansweredQuestion.count({ where: { status: 'new' } }),
      db.eligibilityCheckStat.groupBy({ by: ['category'], where: { day: { gte: since } }, _sum: { count: true } }),
      db.povertyStatistic.findMany({ include: { place: true }, orderBy: [{ year: 'asc' }, { id: 'asc' }] }),
    ])
    return c.html(
      page(
        <>
          <Nav />
          <div class="cards">
            <a class="card" href="/admin/handovers">
              <b>{openHandovers}</b>
              {t(L, 'admin.open_handovers')}
            </a>
            <a class="card" href="/admin/unanswered">
              <b>{newUnanswered}</b>
              {t(L, 'admin.new_unanswered')}
            </a>
          </div>
          <h2>{t(L, 'admin.checks_title')}</h2>
          {checks.length === 0 ? (
            <p>{t(L, 'admin.none_yet')}</p>
          ) : (
            <table>
              <tr>
                <th>{t(L, 'admin.category')}</th>
                <th>{t(L, 'admin.count')}</th>
              </tr>
              {checks.map((row) => (
                <tr>
                  <td>{t(L, `admin.cat_${row.category}`)}</td>
                  <td>{row._sum.count ?? 0}</td>
                </tr>
              ))}
            </table>
          )}
          <h2>{t(L, 'admin.stats_title')}</h2>
          <table>
            <tr>
              <th>{t(L, 'admin.place')}</th>
              <th>{t(L, 'admin.year')}</th>
              <th>{t(L, 'admin.poor')}</th>
              <th>{t(L, 'admin.near_poor')}</th>
              <th>{t(L, 'admin.rate')}</th>
              <th>{t(L, 'admin.source')}</th>
            </tr>
            {stats.map((s) => (
              <tr>
                <td>{s.place.name}</td>
                <td>{s.year}</td>
                <td>{s.poorHouseholds === null ? '—' : formatNumber(s.poorHouseholds, L)}</td>
                <td>{s.nearPoorHouseholds === null ? '—' : formatNumber(s.nearPoorHouseholds, L)}</td>
                <td>{s.poorRateBasisPoints === null ? '—' : `${(s.poorRateBasisPoints / 100).toFixed(2).replace('.', ',')}%`}</td>
                <td>
                  {s.sourceUrl ? <a href={s.sourceUrl}>{s.source}</a> : s.source}
                  {s.note ? <div class="muted">{s.note}</div> : null}
                </td>
              </tr>
            ))}
          </table>
        </>,
      ),
    )
  })

  app.get('/unanswered', async (c) => {
    const rows = await db.unansweredQuestion.findMany({ where: { status: 'new' }, orderBy: { id: 'desc' }, take: 50 })
    const places = await placeNames(db)
    return c.html(
      page(
        <>
          <Nav />
          <Flash c={c} />
          <p>{t(L, 'admin.unanswered_intro')}</p>
          {rows.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
          {rows.map((q) => (
            <form class="item" method="post" action={`/admin/unanswered/${q.id}`}>
              <div class="muted">
                #{q.id} · {formatVnTime(q.at)} · {q.placeCode ? (places.get(q.placeCode) ?? q.placeCode) : '—'} · {t(L, 'admin.guess')}:{' '}
                {q.intentGuess ? t(L, `intents.${q.intentGuess}`) : '—'} {q.confidence === null ? '' : `(${Math.round(q.confidence * 100)}%)`}
              </div>
              <div class="q">{q.text}</div>
              <select name="intent" aria-label={t(L, 'admin.category')}>
                {INTENT_IDS.map((id) => (
                  <option value={id} selected={id === q.intentGuess}>
                    {t(L, `intents.${id}`)}
                  </option>
                ))}
              </select>{' '}
              <button name="action" value="train">
                {t(L, 'admin.add_training')}
              </button>{' '}
              <button name="action" value="dismiss" class="secondary">
                {t(L, 'admin.dismiss')}
              </button>
            </form>
          ))}
        </>,
      ),
    )
  })

  app.post('/unanswered/:id', async (c) => {
    const id = Number(c.req.param('id'))
    const form = await c.req.parseBody()
    const question = Number.isInteger(id) ? await db.unansweredQuestion.findUnique({ where: { id } }) : null
    if (!question) return c.redirect('/admin/unanswered')
    if (form.action === 'train' && typeof form.intent === 'string' && (INTENT_IDS as readonly string[]).includes(form.intent)) {
      const intent = form.intent as IntentId
      await db.trainingUtterance.upsert({
        where: { text_intent: { text: question.text, intent } },
        create: { text: question.text, intent, sourceQuestionId: id },
        update: {},
      })
      await db.unansweredQuestion.update({ where: { id }, data: { status: 'added' } })
      deps.learned.invalidate()
      await db.auditLog.create({ data: { action: 'unanswered.train', subject: `unanswered:${id}`, detail: intent, at: deps.now() } })
      return c.redirect(`/admin/unanswered?done=${encodeURIComponent(t(L, 'admin.added', { id, intent: t(L, `intents.${intent}`) }))}`)
    }
    await db.unansweredQuestion.update({ where: { id }, data: { status: 'reviewed' } })
    return c.redirect(`/admin/unanswered?done=${encodeURIComponent(t(L, 'admin.dismissed', { id }))}`)
  })

  app.get('/handovers', async (c) => {
    const rows = await db.handoverRequest.findMany({ orderBy: [{ status: 'desc' }, { id: 'desc' }], take: 50 })
    const places = await placeNames(db)
    await db.auditLog.create({ data: { action: 'admin.view_handovers', subject: `count:${rows.length}`, at: deps.now() } })
    return c.html(
      page(
        <>
          <Nav />
          <Flash c={c} />
          <p>{t(L, 'admin.handovers_intro')}</p>
          {rows.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
          {rows.map((r) => (
            <div class="item">
              <div class="muted">
                #{r.id} · {formatVnTime(r.createdAt)} · {r.placeCode ? (places.get(r.placeCode) ?? r.placeCode) : '—'} ·{' '}
                <b>{t(L, r.status === 'open' ? 'admin.status_open' : 'admin.status_answered')}</b>
              </div>
              <div class="q">{r.question}</div>
              <details>
                <summary>{t(L, 'admin.transcript')}</summary>
                {(JSON.parse(r.transcript) as RecentTurn[]).map((turn) => (
                  <div class={turn.from === 'user' ? 'turn user' : 'turn'}>{turn.text}</div>
                ))}
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
        </>,
      ),
    )
  })

  app.post('/handovers/:id/answer', async (c) => {
    const id = Number(c.req.param('id'))
    const form = await c.req.parseBody()
    const answer = typeof form.answer === 'string' ? form.answer.trim() : ''
    if (!Number.isInteger(id) || !answer) return c.redirect('/admin/handovers')
    const outcome = await answerHandover(deps, { id, answer, answeredByContactId: null, now: deps.now() })
    const key = outcome === 'sent' ? 'admin.answered_by_page' : 'admin.already_answered'
    return c.redirect(`/admin/handovers?done=${encodeURIComponent(t(L, key, { id }))}`)
  })

  app.get('/offices', async (c) => {
    const offices = await db.communeOffice.findMany({ where: { placeCode: { in: [...SERVED_COMMUNES] } }, orderBy: { placeCode: 'asc' } })
    return c.html(
      page(
        <>
          <Nav />
          <Flash c={c} />
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
        </>,
      ),
    )
  })

  app.post('/offices/:slug', async (c) => {
    const placeCode = `quang-ngai/${c.req.param('slug')}`
    if (!(SERVED_COMMUNES as readonly string[]).includes(placeCode)) return c.redirect('/admin/offices')
    const form = await c.req.parseBody()
    const field = (name: string, max: number) => {
      const v = typeof form[name] === 'string' ? (form[name] as string).trim().slice(0, max) : ''
      return v === '' ? null : v
    }
    const office = await db.communeOffice.update({
      where: { placeCode },
      data: { address: field('address', 200), phone: field('phone', 40), hours: field('hours', 200), note: field('note', 300) },
    })
    await db.auditLog.create({ data: { action: 'office.update', subject: placeCode, at: deps.now() } })
    return c.redirect(`/admin/offices?done=${encodeURIComponent(t(L, 'admin.saved', { name: office.name }))}`)
  })

  return app
}

async function placeNames(db: Db): Promise<Map<string, string>> {
  const places = await db.place.findMany({ select: { code: true, name: true } })
  return new Map(places.map((p) => [p.code, p.name]))
}

function formatVnTime(at: Date): string {
  const local = new Date(at.getTime() + VN_OFFSET_MS).toISOString()
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`
}

const Flash: FC<{ c: Context }> = ({ c }) => {
  const done = c.req.query('done')
  return done ? <p class="flash">{done}</p> : null
}

const Login: FC<{ error?: boolean }> = ({ error }) => (
  <form method="post" action="/admin/login" class="login">
    <h2>{t(L, 'admin.login_title')}</h2>
    {error ? <p class="error">{t(L, 'admin.login_wrong')}</p> : null}
    <label>
      {t(L, 'admin.login_token')} <input type="password" name="token" required autocomplete="current-password" />
    </label>
    <button>{t(L, 'admin.login_submit')}</button>
  </form>
)

const Nav: FC = () => (
  <nav>
    <a href="/admin">{t(L, 'admin.nav_home')}</a>
    <a href="/admin/handovers">{t(L, 'admin.nav_handovers')}</a>
    <a href="/admin/unanswered">{t(L, 'admin.nav_unanswered')}</a>
    <a href="/admin/offices">{t(L, 'admin.nav_offices')}</a>
    <form method="post" action="/admin/logout">
      <button class="secondary">{t(L, 'admin.logout')}</button>
    </form>
  </nav>
)

const Layout: FC<PropsWithChildren> = ({ children }) => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{t(L, 'admin.title')}</title>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
    </head>
    <body>
      <header>{t(L, 'admin.title')}</header>
      <main>{children}</main>
    </body>
  </html>
)

function page(children: Child): string {
  return `<!doctype html>${String(<Layout>{children}</Layout>)}`
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f8fafc}
header{background:#0f766e;color:#fff;padding:12px 16px;font-weight:600}main{max-width:960px;margin:0 auto;padding:16px}
nav{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:16px}nav a{color:#0f766e;font-weight:600;text-decoration:none}nav form{margin-left:auto}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{flex:1;min-width:200px;background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:14px;color:inherit;text-decoration:none}.card b{display:block;font-size:28px;color:#0f766e}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
.item{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:12px;margin:10px 0}.q{margin:6px 0;font-size:16px}.muted{color:#6b7280;font-size:13px}
.turn{font-size:14px;padding:2px 0 2px 8px;border-left:3px solid #cbd5e1;margin:4px 0}.turn.user{border-color:#0f766e}.answer{background:#ecfdf5;padding:8px;border-radius:8px}
textarea{width:100%;min-height:70px;font:inherit;padding:8px;margin:6px 0}input,select{font:inherit;padding:6px}label{display:block;margin:6px 0}.office input{width:100%}
button{background:#0f766e;color:#fff;border:0;border-radius:8px;padding:7px 14px;font:inherit;cursor:pointer}button.secondary{background:#e5e7eb;color:#1f2937}
.flash{background:#ecfdf5;border:1px solid #a7f3d0;padding:8px 12px;border-radius:8px}.error{color:#b91c1c}.login{max-width:360px;background:#fff;padding:16px;border-radius:10px;border:1px solid #e5e7eb}
`
