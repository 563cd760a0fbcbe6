import type { Context } from 'hono'
import type { Child, FC, PropsWithChildren } from 'hono/jsx'
import { t } from '../../i18n.ts'
import { VN_OFFSET_MS } from '../../clock.ts'
import type { StaffActor } from '../../roles/actor.ts'
import type { NavEntry } from './env.ts'

/** The console speaks Vietnamese: its users are the commune's officers. */
export const L = 'vi' as const

/** A time as officers read it: dd/mm/yyyy hh:mm in Vietnam. */
export function formatVnTime(at: Date): string {
  const local = new Date(at.getTime() + VN_OFFSET_MS).toISOString()
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`
}

/**
 * The notice after an action, by key (`?done=saved&id=3`): only texts from the locale files are shown, so a link
 * cannot put words of its own on the officers' page.
 */
export const Notice: FC<{ c: Context }> = ({ c }) => {
  const key = c.req.query('done') ?? ''
  if (!/^[a-z_]{1,40}$/.test(key)) return null
  const text = t(L, `admin.notice.${key}`, { id: c.req.query('id')?.replace(/[^\w-]/g, '').slice(0, 20) ?? '' })
  return text.startsWith('admin.notice.') ? null : <p class="flash">{text}</p>
}

/** Where to go after a POST: the page, with a notice key. */
export function doneUrl(path: string, key: string, id?: string | number): string {
  return `/admin${path}?done=${key}${id === undefined ? '' : `&id=${encodeURIComponent(String(id))}`}`
}

const Nav: FC<{ entries: NavEntry[]; actor: StaffActor | null; csrf?: string }> = ({ entries, actor }) => (
  <nav>
    <a href="/admin">{t(L, 'admin.nav_home')}</a>
    {entries.map((e) => (
      <a href={`/admin${e.path}`}>{t(L, e.labelKey)}</a>
    ))}
    {actor ? (
      <form method="post" action="/admin/logout">
        <button class="secondary">{t(L, 'admin.logout')}</button>
      </form>
    ) : null}
  </nav>
)

const Layout: FC<PropsWithChildren<{ title?: string }>> = ({ children, title }) => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title ? `${title} — ${t(L, 'admin.title')}` : t(L, 'admin.title')}</title>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
    </head>
    <body>
      <header>{t(L, 'admin.title')}</header>
      <main>{children}</main>
    </body>
  </html>
)

/** A whole console page: layout, navigation for the signed-in person, then the content. */
export function consolePage(opts: { nav: NavEntry[]; actor: StaffActor | null; title?: string }, children: Child): string {
  const visible = opts.actor ? opts.nav.filter((e) => (e.roles ?? ['officer', 'admin']).includes(opts.actor!.kind)) : []
  return `<!doctype html>${String(
    <Layout title={opts.title}>
      {opts.actor ? <Nav entries={visible} actor={opts.actor} /> : null}
      {children}
    </Layout>,
  )}`
}

export const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f8fafc}
header{background:#0f766e;color:#fff;padding:12px 16px;font-weight:600}main{max-width:960px;margin:0 auto;padding:16px}
nav{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;margin-bottom:16px}nav a{color:#0f766e;font-weight:600;text-decoration:none}nav form{margin-left:auto}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{flex:1;min-width:140px;background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:14px;color:inherit;text-decoration:none}.card b{display:block;font-size:28px;color:#0f766e}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
.item{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:12px;margin:10px 0;overflow-wrap:anywhere}.q{margin:6px 0;font-size:16px}.muted{color:#6b7280;font-size:13px}
.turn{font-size:14px;padding:2px 0 2px 8px;border-left:3px solid #cbd5e1;margin:4px 0}.turn.user{border-color:#0f766e}.answer{background:#ecfdf5;padding:8px;border-radius:8px}
textarea{width:100%;min-height:70px;font:inherit;padding:8px;margin:6px 0}input,select{font:inherit;padding:6px;max-width:100%}label{display:block;margin:6px 0}.office input{width:100%}
button{background:#0f766e;color:#fff;border:0;border-radius:8px;padding:9px 14px;min-height:40px;font:inherit;cursor:pointer}button.secondary{background:#e5e7eb;color:#1f2937}
.flash{background:#ecfdf5;border:1px solid #a7f3d0;padding:8px 12px;border-radius:8px}.error{color:#b91c1c}.login{max-width:360px;background:#fff;padding:16px;border-radius:10px;border:1px solid #e5e7eb}
.code{font:600 20px/1.4 ui-monospace,monospace;letter-spacing:1px;background:#fff7ed;padding:8px 12px;border-radius:8px;display:inline-block}
`
