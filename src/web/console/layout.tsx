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

const Nav: FC<{ entries: NavEntry[]; current?: string | undefined }> = ({ entries, current }) => (
  <nav aria-label={t(L, 'admin.nav_label')}>
    <a href="/admin" aria-current={current === '/admin' ? 'page' : undefined}>
      {t(L, 'admin.nav_home')}
    </a>
    {entries.map((e) => (
      <a href={`/admin${e.path}`} aria-current={current !== undefined && (current === `/admin${e.path}` || current.startsWith(`/admin${e.path}/`)) ? 'page' : undefined}>
        {t(L, e.labelKey)}
      </a>
    ))}
  </nav>
)

const Layout: FC<PropsWithChildren<{ title?: string | undefined; signedIn: boolean }>> = ({ children, title, signedIn }) => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title ? `${title} — ${t(L, 'admin.title')}` : t(L, 'admin.title')}</title>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
    </head>
    <body>
      <header>
        <a href="/admin">{t(L, 'admin.title')}</a>
        {signedIn ? (
          <form method="post" action="/admin/logout">
            <button class="secondary small">{t(L, 'admin.logout')}</button>
          </form>
        ) : null}
      </header>
      <main>{children}</main>
    </body>
  </html>
)

/** A whole console page: layout, navigation for the signed-in person, the page's title, then the content. */
export function consolePage(opts: { nav: NavEntry[]; actor: StaffActor | null; title?: string | undefined; current?: string }, children: Child): string {
  const visible = opts.actor ? opts.nav.filter((e) => (e.roles ?? ['officer', 'admin']).includes(opts.actor!.kind)) : []
  return `<!doctype html>${String(
    <Layout title={opts.title} signedIn={opts.actor !== null}>
      {opts.actor ? <Nav entries={visible} current={opts.current} /> : null}
      {opts.title && opts.actor ? <h1>{opts.title}</h1> : null}
      {children}
    </Layout>,
  )}`
}

/**
 * The console's one stylesheet, phone first: a 390 px screen shows every page without sideways scrolling (the
 * browser test checks each one); wider screens get a centred column.
 */
export const CSS = `
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1f2937;background:#f1f5f9;overflow-wrap:anywhere}
header{background:#0f766e;color:#fff;padding:8px 12px;display:flex;align-items:center;justify-content:space-between;gap:8px}
header a{color:#fff;font-weight:600;text-decoration:none;font-size:16px}header form{margin:0}header button{white-space:nowrap}
main{max-width:760px;margin:0 auto;padding:12px}
nav{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 12px}
nav a{background:#fff;border:1px solid #cbd5e1;border-radius:999px;padding:4px 10px;color:#0f766e;font-weight:600;text-decoration:none;font-size:13px}
nav a[aria-current]{background:#0f766e;border-color:#0f766e;color:#fff}
h1{font-size:20px;line-height:1.3;margin:4px 0 10px}h2{font-size:17px;margin:18px 0 8px}h3{font-size:16px;margin:4px 0}
p{margin:8px 0}a{color:#0f766e}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:10px;margin:8px 0}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:12px;color:inherit;text-decoration:none;display:block}
.card b{display:block;font-size:26px;line-height:1.2;color:#0f766e}.card small{display:block;color:#6b7280;font-size:13px}
.item{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:12px;margin:10px 0}
.q{margin:6px 0;font-size:16px}.muted{color:#6b7280;font-size:13px}.count{display:inline-block;background:#fef3c7;color:#92400e;border-radius:999px;padding:0 8px;font-size:13px;font-weight:600}
.table{overflow-x:auto;max-width:100%;background:#fff;border:1px solid #e2e8f0;border-radius:12px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #e2e8f0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f8fafc;font-weight:600}td.n,th.n{text-align:right;white-space:nowrap}tr:last-child td{border-bottom:0}
.turn{font-size:14px;white-space:pre-line;padding:2px 0 2px 8px;border-left:3px solid #cbd5e1;margin:4px 0}.turn.user{border-color:#0f766e}.turn .tap{font-weight:600}
.answer{background:#ecfdf5;padding:8px;border-radius:8px}
label{display:block;margin:6px 0}
input,select,textarea{font:inherit;padding:8px;width:100%;max-width:100%;border:1px solid #cbd5e1;border-radius:8px;background:#fff;color:inherit}
input[type=checkbox],input[type=radio]{width:auto}input[type=file]{padding:6px}textarea{min-height:70px;margin:6px 0}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}.row>*{flex:1 1 140px}.row>button{flex:0 0 auto}
button,.button{display:inline-block;background:#0f766e;color:#fff;border:0;border-radius:8px;padding:9px 14px;min-height:40px;font:inherit;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#e5e7eb;color:#1f2937}button.small{padding:4px 10px;min-height:32px;font-size:14px}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.flash{background:#ecfdf5;border:1px solid #a7f3d0;padding:8px 12px;border-radius:8px}.error{color:#b91c1c}.warn{background:#fffbeb;border:1px solid #fde68a;padding:8px 12px;border-radius:8px}
.login{max-width:360px;background:#fff;padding:16px;border-radius:12px;border:1px solid #e2e8f0}
.code{font:600 18px/1.4 ui-monospace,monospace;letter-spacing:1px;background:#fff7ed;padding:6px 10px;border-radius:8px;display:inline-block}
.chart{margin:8px 0;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:8px}.chart svg{display:block;width:100%;height:auto}
.chart .label{font:12px system-ui,"Noto Sans",sans-serif;fill:#334155}.chart .value{font:11px system-ui,"Noto Sans",sans-serif;fill:#0f172a}.chart .axis{stroke:#cbd5e1}
.legend{font-size:13px;margin:4px 0 0;display:flex;gap:12px;flex-wrap:wrap}.legend .swatch{display:inline-block;vertical-align:baseline;margin-right:4px}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:6px 0;border-bottom:1px solid #e2e8f0}
details summary{cursor:pointer;color:#0f766e}
`
