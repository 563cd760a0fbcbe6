import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { getCookie, setCookie, deleteCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { bodyLimit } from 'hono/body-limit'
import type { Db } from '../../db.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../../clock.ts'
import type { Capability } from '../../capability.ts'
import type { Limiter } from '../../limits.ts'
import { LIMITS } from '../../limits.ts'
import { t } from '../../i18n.ts'
import { timingSafeEqualStrings } from '../../util/secure.ts'
import { clientAddress, isHttps } from '../../http/client.ts'
import { endSession, sessionActor, startSession, useSignInLink, SESSION_TTL_MS } from '../../roles/signin.ts'
import { isOfficer, TOKEN_ADMIN, type StaffActor } from '../../roles/actor.ts'
import type { Audit } from '../../roles/audit.ts'
import type { ConsoleEnv, NavEntry } from './env.ts'
import { consolePage, L } from './layout.tsx'

export interface ConsoleDeps {
  db: Db
  logger: Logger
  clock: Clock
  limiter: Limiter
  audit: Audit
  /** The bootstrap admin login; without it, people sign in only with links from the bot. */
  adminToken: string | undefined
  trustedProxies: readonly string[]
  /** Extra allowed origin for forms behind a proxy (the PUBLIC_URL). */
  publicOrigin?: string | undefined
  capabilities: readonly Capability[]
}

/** Form posts to the console are small; uploads have their own, larger limit on their route. */
export const CONSOLE_BODY_LIMIT = 64 * 1024

const COOKIE_SECURE = '__Host-tlgn_session'
const COOKIE_PLAIN = 'tlgn_session'

function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, COOKIE_SECURE) ?? getCookie(c, COOKIE_PLAIN)
}

/**
 * The session cookie: HttpOnly, SameSite=Strict, and on https (directly or behind a proxy that says so) Secure with
 * the `__Host-` prefix, which binds it to this origin and path `/`.
 */
function setSessionCookie(c: Context, token: string): void {
  const secure = isHttps(c)
  setCookie(c, secure ? COOKIE_SECURE : COOKIE_PLAIN, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  })
}

function clearSessionCookie(c: Context): void {
  deleteCookie(c, COOKIE_SECURE, { path: '/', secure: true })
  deleteCookie(c, COOKIE_PLAIN, { path: '/' })
}

/**
 * Resolves the person behind a request to the officer console or the admin API: a console session cookie, or (API
 * only) `Authorization: Bearer <ADMIN_TOKEN>`. Sets `c.var.actor`, or answers itself (redirect or 401).
 */
export function consoleAuth(deps: Pick<ConsoleDeps, 'db' | 'clock' | 'adminToken'>, mode: 'page' | 'api'): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const now = deps.clock.now()
    if (mode === 'api') {
      const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
      if (bearer !== undefined) {
        if (deps.adminToken && timingSafeEqualStrings(bearer, deps.adminToken)) {
          c.set('actor', TOKEN_ADMIN)
          c.set('sessionId', null)
          return next()
        }
        return c.json({ error: { code: 'unauthorized', message: t(L, 'http.unauthorized') } }, 401)
      }
    }
    const session = await sessionActor(deps.db, readSessionCookie(c), now)
    // The console is for officers and admins: a session whose person is now only a collaborator opens nothing.
    if (!session || !isOfficer(session.actor)) {
      if (mode === 'api') return c.json({ error: { code: 'unauthorized', message: t(L, 'http.unauthorized') } }, 401)
      return c.redirect('/admin/login')
    }
    c.set('actor', session.actor)
    c.set('sessionId', session.idHash)
    return next()
  }
}

/** Sets `c.var.page` for the capabilities' pages: the layout with the signed-in person's navigation. */
function pageRenderer(nav: NavEntry[]): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    c.set('page', (title, body) => consolePage({ nav, actor: c.var.actor, title, current: c.req.path }, body))
    return next()
  }
}

/**
 * The officer console under /admin: sign-in (a one-time link from the bot, or ADMIN_TOKEN for the bootstrap admin,
 * slowed down after wrong tries), logout, and every capability's pages behind one sign-in check. Pages are
 * never cached and only accept forms from this origin (Hono's csrf()).
 */
export function consoleRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>()
  const nav: NavEntry[] = deps.capabilities.flatMap((cap) => cap.console?.nav ?? []).sort((a, b) => a.order - b.order)
  const page = (actor: StaffActor | null, title: string | undefined, body: Parameters<typeof consolePage>[1]) => consolePage({ nav, actor, title }, body)

  app.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  // Forms are small; an upload route declared by its capability applies its own, larger limit after sign-in.
  const uploads = new Set(deps.capabilities.flatMap((cap) => (cap.console?.uploads ?? []).map((u) => `/admin${u.path}`)))
  const formLimit = bodyLimit({ maxSize: CONSOLE_BODY_LIMIT, onError: (c) => c.text(t(L, 'http.too_large'), 413) })
  app.use('*', (c, next) => (uploads.has(c.req.path) ? next() : formLimit(c, next)))
  app.use(
    '*',
    csrf({
      origin: (origin, c) => origin === new URL(c.req.url).origin || (deps.publicOrigin !== undefined && origin === deps.publicOrigin),
    }),
  )

  app.get('/login', (c) => c.html(page(null, t(L, 'admin.login_title'), <Login tokenLogin={Boolean(deps.adminToken)} />)))

  app.post('/login', async (c) => {
    if (!deps.adminToken) return c.html(page(null, undefined, <Login tokenLogin={false} />), 404)
    const now = deps.clock.now()
    const address = clientAddress(c, deps.trustedProxies)
    // Locked out first, so a guess during the lock-out is not even compared.
    const [mine, everyone] = await Promise.all([
      deps.limiter.peek(`login:addr:${address}`, LIMITS.loginFailuresPerAddress, now),
      deps.limiter.peek('login:all', LIMITS.loginFailuresGlobal, now),
    ])
    if (!mine.allowed || !everyone.allowed) {
      const minutes = Math.ceil(Math.max(mine.retryAfterMs, everyone.retryAfterMs) / 60_000)
      c.header('Retry-After', String(minutes * 60))
      deps.logger.warn('console.login_locked', {})
      return c.html(page(null, undefined, <Login tokenLogin error={t(L, 'admin.login_locked', { minutes })} />), 429)
    }
    const form = await c.req.parseBody()
    const token = typeof form.token === 'string' ? form.token : ''
    if (!timingSafeEqualStrings(token, deps.adminToken)) {
      await deps.limiter.hit(`login:addr:${address}`, LIMITS.loginFailuresPerAddress, now)
      await deps.limiter.hit('login:all', LIMITS.loginFailuresGlobal, now)
      deps.logger.warn('console.login_failed', {})
      return c.html(page(null, undefined, <Login tokenLogin error={t(L, 'admin.login_wrong')} />), 401)
    }
    const session = await startSession(deps.db, { kind: 'token', contactId: null, assignmentId: null, now })
    setSessionCookie(c, session.token)
    await deps.audit(TOKEN_ADMIN, { action: 'console.sign_in', subject: 'session', channel: 'console', at: now })
    return c.redirect('/admin')
  })

  app.get('/signin/:token', async (c) => {
    const now = deps.clock.now()
    const used = await useSignInLink(deps.db, c.req.param('token'), now)
    if (!used.ok) {
      deps.logger.warn('console.link_refused', { reason: used.reason })
      return c.html(page(null, t(L, 'admin.link_title'), <LinkRefused reason={used.reason} />), 410)
    }
    setSessionCookie(c, used.sessionToken)
    await deps.audit(used.actor, { action: 'console.sign_in', subject: 'session', channel: 'console', at: now })
    return c.redirect('/admin')
  })

  app.post('/logout', async (c) => {
    const token = readSessionCookie(c)
    const session = await sessionActor(deps.db, token, deps.clock.now())
    if (session) await endSession(deps.db, session.idHash, deps.clock.now())
    clearSessionCookie(c)
    return c.redirect('/admin/login')
  })

  app.use('*', consoleAuth(deps, 'page'))
  app.use('*', pageRenderer(nav))

  app.get('/', (c) => {
    const actor = c.var.actor
    const visible = nav.filter((e) => (e.roles ?? ['officer', 'admin']).includes(actor.kind))
    return c.html(
      page(
        actor,
        undefined,
        <>
          <p>{t(L, 'admin.home_intro')}</p>
          <div class="cards">
            {visible.map((e) => (
              <a class="card" href={`/admin${e.path}`}>
                {t(L, e.labelKey)}
              </a>
            ))}
          </div>
        </>,
      ),
    )
  })

  for (const cap of deps.capabilities) cap.console?.routes(app)
  return app
}

const Login = ({ tokenLogin, error }: { tokenLogin: boolean; error?: string }) => (
  <div class="login">
    <h2>{t(L, 'admin.login_title')}</h2>
    <p>{t(L, 'admin.login_by_chat')}</p>
    {tokenLogin ? (
      <form method="post" action="/admin/login">
        {error ? <p class="error">{error}</p> : null}
        <label>
          {t(L, 'admin.login_token')} <input type="password" name="token" required autocomplete="current-password" />
        </label>
        <button>{t(L, 'admin.login_submit')}</button>
      </form>
    ) : null}
  </div>
)

const LinkRefused = ({ reason }: { reason: string }) => (
  <div class="login">
    <h2>{t(L, 'admin.link_title')}</h2>
    <p>{t(L, `admin.link_${reason}`)}</p>
    <p>{t(L, 'admin.login_by_chat')}</p>
  </div>
)
