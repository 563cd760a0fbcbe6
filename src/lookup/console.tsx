import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { FC } from 'hono/jsx'
import type { CapabilityDeps } from '../capability.ts'
import type { ConsoleEnv } from '../web/console/env.ts'
import { t } from '../i18n.ts'
import { formatNumber, formatVnd } from '../poverty/format.ts'
import { BarChart, COLORS, YearChart } from '../web/console/charts.tsx'
import { L, Notice } from '../web/console/layout.tsx'
import type { StaffActor } from '../roles/actor.ts'
import { parseHouseholdAsk } from './ask.ts'
import { exportRows, statsCsv, statsXlsx } from './export.ts'
import { findHouseholds, householdById, type FindResult, type HouseholdRecord } from './find.ts'
import { fileProblemMessage, importHouseholds, type ImportSummary } from './import.ts'
import { deltaText, percent } from './render.ts'
import type { Allowed } from './scope.ts'
import { canSee, scopeWhere } from './scope.ts'
import { computeStats, type Level, type Stats } from './stats.ts'
import type { HouseholdCategory } from './values.ts'
import { whatIf2027, type WhatIf } from './whatif.ts'

/**
 * The register on the officer console, each page scoped to the signed-in person's area: statistics with charts by
 * village and year (and their export for the monthly report), the 2027 what-if, households with search, and the
 * upload of a commune's list. Every household shown, every import and every export is audit-logged.
 */

/** Largest list taken on the page: a Worker has 128 MB for reading, checking and writing it. */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024
/** The upload's whole request body: the form's other fields and the multipart framing come on top of the file. */
export const UPLOAD_BODY_MAX_BYTES = UPLOAD_MAX_BYTES + 64 * 1024
export const IMPORT_PATH = '/households/import'
/** Households listed per page when browsing a village. */
const PAGE_SIZE = 50

type Deps = Pick<CapabilityDeps, 'db' | 'places' | 'audit' | 'clock' | 'batch'>
type C = Context<ConsoleEnv>

const LEVELS: readonly Level[] = ['village', 'commune', 'district']

const tx = (key: string, vars?: Record<string, string | number>) => t(L, `lookup.console.${key}`, vars)
const n = (value: number) => formatNumber(value, L)
const cat = (c: HouseholdCategory | 'none') => t(L, `lookup.category.${c}`)

function yearParam(c: C): number | undefined {
  const y = Number(c.req.query('year'))
  return Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : undefined
}

function levelParam(c: C, fallback: Level): Level {
  const l = c.req.query('level')
  return LEVELS.find((x) => x === l) ?? fallback
}

export function lookupConsole(deps: Deps): { routes: (app: Hono<ConsoleEnv>) => void } {
  const { db, places } = deps
  const allowedOf = (actor: StaffActor): Promise<Allowed> => places.codesIn(actor.scope)
  const audit = (c: C, action: string, subject: string, detail?: string) =>
    deps.audit(c.var.actor, { action, subject, channel: 'console', at: deps.clock.now(), ...(detail ? { detail } : {}) })

  async function defaultLevel(actor: StaffActor): Promise<Level> {
    if (actor.scope.kind === 'all') return 'commune'
    const kind = (await places.get(actor.scope.placeCode))?.kind
    return kind === 'district' || kind === 'province' ? 'commune' : 'village'
  }

  /** Totals of every year with a list, for the chart by year. */
  async function byYear(allowed: Allowed, level: Level, years: readonly number[]) {
    const out: { year: number; poor: number; nearPoor: number; listed: number }[] = []
    for (const year of years.slice(-6)) {
      const s = await computeStats(db, allowed, { level, year })
      if (s.total) out.push({ year, poor: s.total.counts.poor, nearPoor: s.total.counts.nearPoor, listed: s.total.counts.listed })
    }
    return out
  }

  function routes(app: Hono<ConsoleEnv>): void {
    // —— statistics ——
    app.get('/statistics', async (c) => {
      const actor = c.var.actor
      const allowed = await allowedOf(actor)
      const level = levelParam(c, await defaultLevel(actor))
      const year = yearParam(c)
      const stats = await computeStats(db, allowed, { level, ...(year !== undefined ? { year } : {}) })
      const years = await byYear(allowed, level, stats.years)
      const reported = await db.povertyStatistic.findMany({ include: { place: true }, orderBy: [{ year: 'asc' }, { id: 'asc' }] })
      return c.html(
        c.var.page(tx('statsTitle'), (
          <>
            <form method="get" action="/admin/statistics" class="row">
              <label>
                {tx('year')}
                <select name="year">
                  {stats.years.map((y) => (
                    <option value={String(y)} selected={y === stats.year}>
                      {String(y)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {tx('level')}
                <select name="level">
                  {LEVELS.map((l) => (
                    <option value={l} selected={l === level}>
                      {tx(`level_${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button>{tx('show')}</button>
            </form>
            <StatsBody stats={stats} years={years} />
            <h2>{t(L, 'admin.stats_title')}</h2>
            <p class="muted">{tx('reportedIntro')}</p>
            <ul class="plain">
              {reported.map((s) => (
                <li>
                  <b>{s.place.name}</b> · {String(s.year)}:{' '}
                  {[
                    s.poorHouseholds === null ? null : `${n(s.poorHouseholds)} ${tx('poorShort')}${s.poorRateBasisPoints === null ? '' : ` (${percent(s.poorRateBasisPoints, L)})`}`,
                    s.nearPoorHouseholds === null ? null : `${n(s.nearPoorHouseholds)} ${tx('nearPoorShort')}`,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                  <div class="muted">
                    {t(L, 'admin.source')}: {s.sourceUrl ? <a href={s.sourceUrl}>{s.source}</a> : s.source}
                    {s.note ? ` — ${s.note}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )),
      )
    })

    const exportStats = async (c: C, format: 'csv' | 'xlsx') => {
      const actor = c.var.actor
      const year = yearParam(c)
      const stats = await computeStats(db, await allowedOf(actor), { level: 'village', ...(year !== undefined ? { year } : {}) })
      const rows = await exportRows(stats, places, L)
      await audit(c, 'stats.export', `stats:village:${stats.year ?? 'none'}`, `${format}:${rows.length}`)
      const name = `thong-ke-ho-ngheo-theo-thon-${stats.year ?? 'chua-co'}`
      const bytes = format === 'csv' ? statsCsv(rows, L) : await statsXlsx(rows, L, tx('exportSheet', { year: stats.year ?? '' }))
      return new Response(bytes, {
        headers: {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="${name}.${format}"`,
          'cache-control': 'no-store',
        },
      })
    }
    app.get('/statistics/export.csv', (c) => exportStats(c, 'csv'))
    app.get('/statistics/export.xlsx', (c) => exportStats(c, 'xlsx'))

    // —— the 2027 what-if ——
    app.get('/whatif', async (c) => {
      const w = await whatIf2027(db, places, await allowedOf(c.var.actor))
      await audit(c, 'whatif.view', `count:${w.changed.length}`, `year:${w.year ?? 'none'}`)
      return c.html(c.var.page(tx('whatifTitle'), <WhatIfBody w={w} />))
    })

    // —— households ——
    app.get('/households', async (c) => {
      const actor = c.var.actor
      const allowed = await allowedOf(actor)
      const q = (c.req.query('q') ?? '').slice(0, 100).trim()
      const villageCode = c.req.query('village') ?? ''
      let result: FindResult | null = null
      let listing: { village: string; rows: HouseholdRecordLite[]; page: number; total: number } | null = null
      if (q !== '') {
        const ask = parseHouseholdAsk(q)
        result = ask.code ? await findHouseholds(db, allowed, { code: ask.code }) : await findHouseholds(db, allowed, { name: ask.name ?? '', ...(ask.village ? { village: ask.village } : {}) })
        if (result.kind !== 'tooShort') await audit(c, 'household.search', `count:${result.kind === 'many' ? result.total : result.kind === 'one' ? 1 : 0}`, ask.code ? 'code' : 'name')
      } else if (villageCode !== '') {
        listing = await villageListing(allowed, villageCode, Math.max(1, Number(c.req.query('page')) || 1))
        if (listing) await audit(c, 'household.list', `count:${listing.rows.length}`, 'village')
      }
      const villages = await villageCounts(allowed)
      return c.html(
        c.var.page(tx('householdsTitle'), (
          <>
            <Notice c={c} />
            <form method="get" action="/admin/households" class="row">
              <label>
                {tx('searchLabel')}
                <input name="q" value={q} maxlength={100} placeholder={tx('searchPlaceholder')} autocomplete="off" />
              </label>
              <button>{tx('search')}</button>
            </form>
            {result ? <SearchResult result={result} q={q} /> : null}
            {listing ? <Listing listing={listing} /> : null}
            {!result && !listing ? (
              <>
                <h2>{tx('byVillage')}</h2>
                {villages.length === 0 ? <p>{tx('noHouseholds')}</p> : null}
                <ul class="plain">
                  {villages.map((v) => (
                    <li>
                      <a href={`/admin/households?village=${encodeURIComponent(v.code)}`}>{v.name}</a> <span class="muted">· {v.commune}</span> <span class="count">{n(v.count)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p class="actions">
              <a class="button secondary" href={`/admin${IMPORT_PATH}`}>
                {tx('importLink')}
              </a>
            </p>
          </>
        )),
      )
    })

    app.get('/households/:id{[0-9]+}', async (c) => {
      const result = await householdById(db, await allowedOf(c.var.actor), Number(c.req.param('id')))
      // Outside the area reads exactly as missing.
      if (result.kind !== 'one') return c.html(c.var.page(tx('householdsTitle'), <p>{tx('notFound')}</p>), 404)
      await audit(c, 'household.view', `household:${result.household.id}`, 'page')
      return c.html(c.var.page(tx('householdTitle', { code: result.household.code }), <HouseholdView result={result} />))
    })

    // —— upload ——
    app.get(IMPORT_PATH, (c) => c.html(c.var.page(tx('importTitle'), <ImportForm />)))

    app.post(
      IMPORT_PATH,
      bodyLimit({
        maxSize: UPLOAD_BODY_MAX_BYTES,
        onError: (c) => c.html(c.var.page(tx('importTitle'), <ImportForm error={tooLarge(null)} />), 413),
      }),
      async (c) => {
        const actor = c.var.actor
        const form = await c.req.parseBody().catch(() => null)
        const file = form?.file
        if (!form || !(file instanceof File) || file.size === 0) return c.html(c.var.page(tx('importTitle'), <ImportForm error={tx('noFile')} />), 400)
        if (file.size > UPLOAD_MAX_BYTES) return c.html(c.var.page(tx('importTitle'), <ImportForm error={tooLarge(file.size)} />), 413)
        const bytes = new Uint8Array(await file.arrayBuffer())
        const summary = await importHouseholds(db, bytes, {
          allowed: await allowedOf(actor),
          skipInvalid: form.skipInvalid === 'on',
          locale: L,
          now: deps.clock.now(),
          places,
          // The composition root's atomic batch: D1's batch() on Workers (Prisma's $transaction is not atomic there).
          atomic: deps.batch,
        })
        await audit(
          c,
          'import.households',
          `count:${summary.imported + summary.updated}`,
          summary.ok ? `imported:${summary.imported} updated:${summary.updated} unchanged:${summary.unchanged} skipped:${summary.skipped}` : `refused:${summary.errorCount}`,
        )
        return c.html(c.var.page(tx('importTitle'), <ImportResult summary={summary} />), summary.ok ? 200 : 422)
      },
    )
  }

  type HouseholdRecordLite = { id: number; code: string; head: string; year: number; category: HouseholdCategory; members: number }

  async function villageListing(allowed: Allowed, villageCode: string, page: number) {
    const village = await places.get(villageCode)
    if (!village) return null
    const rows = (await db.household.findMany({ where: { AND: [scopeWhere(allowed), { villageCode }] }, orderBy: [{ headKey: 'asc' }, { year: 'desc' }] })).filter((h) => canSee(allowed, h))
    if (rows.length === 0) return null
    const latest = new Map<string, (typeof rows)[number]>()
    for (const h of rows) {
      const key = `${h.communeCode}|${h.code}`
      const seen = latest.get(key)
      if (!seen || h.year > seen.year) latest.set(key, h)
    }
    const all = [...latest.values()]
    const slice = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    return {
      village: village.name,
      page,
      total: all.length,
      code: villageCode,
      rows: slice.map((h) => ({ id: h.id, code: h.code, head: h.head, year: h.year, category: h.category as HouseholdCategory, members: h.members })),
    }
  }

  /** Villages of the area with a list, and how many households each has on its latest list. */
  async function villageCounts(allowed: Allowed) {
    const groups = await db.household.groupBy({ by: ['villageCode', 'communeCode', 'formerCommuneCode', 'year'], where: scopeWhere(allowed), _count: { _all: true } })
    const latest = new Map<string, { year: number; count: number }>()
    for (const g of groups) {
      if (!canSee(allowed, g)) continue
      const seen = latest.get(g.villageCode)
      if (!seen || g.year > seen.year) latest.set(g.villageCode, { year: g.year, count: g._count._all })
      else if (seen.year === g.year) seen.count += g._count._all
    }
    const out: { code: string; name: string; commune: string; count: number }[] = []
    for (const [code, v] of latest) {
      const village = await places.get(code)
      out.push({ code, name: village?.name ?? code, commune: village?.parentCode ? await places.name(village.parentCode) : '', count: v.count })
    }
    return out.sort((a, b) => a.commune.localeCompare(b.commune, 'vi') || a.name.localeCompare(b.name, 'vi'))
  }

  return { routes }
}

/** The file is over the page's limit: its size when known (a body cut off at the limit has none). */
function tooLarge(bytes: number | null): string {
  if (bytes === null) return tx('tooLarge', { max: n(UPLOAD_MAX_BYTES / (1024 * 1024)) })
  return fileProblemMessage({ kind: 'tooLarge', bytes, maxBytes: UPLOAD_MAX_BYTES }, L)
}

// —— components ——

const StatsBody: FC<{ stats: Stats; years: { year: number; poor: number; nearPoor: number; listed: number }[] }> = ({ stats, years }) => {
  const total = stats.total
  if (stats.year === null || !total) return <p>{t(L, 'lookup.stats.noList')}</p>
  const placeName = (name: string) => (name === '' ? t(L, `lookup.stats.unknownPlace.${stats.level}`) : name)
  const series = [
    { name: tx('poor'), color: COLORS.poor },
    { name: tx('nearPoor'), color: COLORS.nearPoor },
  ]
  return (
    <>
      <div class="cards">
        <div class="card">
          <small>{tx('poor')}</small>
          <b>{n(total.counts.poor)}</b>
          <small>{percent(total.poorRateBp, L)}</small>
        </div>
        <div class="card">
          <small>{tx('nearPoor')}</small>
          <b>{n(total.counts.nearPoor)}</b>
          <small>{percent(total.nearPoorRateBp, L)}</small>
        </div>
        <div class="card">
          <small>{tx('listed')}</small>
          <b>{n(total.counts.listed)}</b>
          <small>{tx('yearOf', { year: stats.year })}</small>
        </div>
        {total.previous ? (
          <div class="card">
            <small>{tx('vsYear', { year: total.previous.year })}</small>
            <b>{(total.counts.poor - total.previous.counts.poor > 0 ? '+' : '') + n(total.counts.poor - total.previous.counts.poor)}</b>
            <small>{tx('poorShort')}</small>
          </div>
        ) : null}
      </div>
      <p class="actions">
        <a class="button secondary" href={`/admin/statistics/export.xlsx?year=${stats.year}`}>
          {tx('exportXlsx')}
        </a>
        <a class="button secondary" href={`/admin/statistics/export.csv?year=${stats.year}`}>
          {tx('exportCsv')}
        </a>
      </p>
      <h2>{tx(`chartBy_${stats.level}`, { year: stats.year })}</h2>
      <BarChart
        title={tx(`chartBy_${stats.level}`, { year: stats.year })}
        series={series}
        rows={stats.places.map((p) => ({
          label: placeName(p.placeName),
          values: [p.counts.poor, p.counts.nearPoor],
          texts: [`${n(p.counts.poor)} (${percent(p.poorRateBp, L)})`, `${n(p.counts.nearPoor)} (${percent(p.nearPoorRateBp, L)})`],
        }))}
      />
      {years.length > 1 ? (
        <>
          <h2>{tx('chartByYear')}</h2>
          <YearChart title={tx('chartByYear')} series={series} columns={years.map((y) => ({ year: y.year, values: [y.poor, y.nearPoor] }))} />
        </>
      ) : null}
      <div class="table">
        <table>
          <tr>
            <th>{tx(`level_${stats.level}`)}</th>
            <th class="n">{tx('poorShort')}</th>
            <th class="n">{tx('nearPoorShort')}</th>
            <th class="n">{tx('listedShort')}</th>
          </tr>
          {stats.places.map((p) => (
            <tr>
              <td>
                {placeName(p.placeName)}
                {p.previous ? <div class="muted">{tx('changeLine', { year: p.previous.year, change: deltaText(p.counts.poor - p.previous.counts.poor, L) })}</div> : null}
              </td>
              <td class="n">
                {n(p.counts.poor)}
                <div class="muted">{percent(p.poorRateBp, L)}</div>
              </td>
              <td class="n">
                {n(p.counts.nearPoor)}
                <div class="muted">{percent(p.nearPoorRateBp, L)}</div>
              </td>
              <td class="n">{n(p.counts.listed)}</td>
            </tr>
          ))}
        </table>
      </div>
      <p class="muted">{tx('rateNote')}</p>
    </>
  )
}

const WhatIfBody: FC<{ w: WhatIf }> = ({ w }) => {
  if (w.year === null) return <p>{t(L, 'lookup.whatif.noList')}</p>
  const total = w.total
  return (
    <>
      <p>
        {tx('whatifIntro', {
          year: w.year,
          basis: w.standard.shortBasis,
          rural: formatVnd(w.standard.incomeLineVnd.rural, L),
          urban: formatVnd(w.standard.incomeLineVnd.urban, L),
        })}
      </p>
      <div class="cards">
        <div class="card">
          <small>{tx('poor')}</small>
          <b>
            {n(total.before.poor)} → {n(total.after.poor)}
          </b>
        </div>
        <div class="card">
          <small>{tx('nearPoor')}</small>
          <b>
            {n(total.before.nearPoor)} → {n(total.after.nearPoor)}
          </b>
        </div>
        <div class="card">
          <small>{tx('estimated')}</small>
          <b>
            {n(total.estimated)}/{n(total.households)}
          </b>
        </div>
      </div>
      {w.villages.length > 0 ? (
        <>
          <h2>{tx('whatifByVillage')}</h2>
          <BarChart
            title={tx('whatifByVillage')}
            series={[
              { name: tx('poorNow', { year: w.year }), color: COLORS.before },
              { name: tx('poor2027'), color: COLORS.after },
            ]}
            rows={w.villages.map((v) => ({ label: v.villageName, values: [v.before.poor, v.after.poor] }))}
          />
          {w.villages.map((v) => (
            <div class="item">
              <h3>
                {v.villageName} <span class="muted">· {v.communeName}</span>
              </h3>
              <div>{tx('villageLine', { estimated: v.estimated, households: v.households, poorBefore: v.before.poor, poorAfter: v.after.poor, nearBefore: v.before.nearPoor, nearAfter: v.after.nearPoor })}</div>
              {v.moves.map((m) => (
                <div class="muted">{t(L, 'lookup.whatif.move', { count: m.count, from: t(L, `lookup.status.${m.from}`), to: cat(m.to) })}</div>
              ))}
              {v.lacking.income + v.lacking.deprivations + v.lacking.area > 0 ? (
                <div class="muted">{tx('lackingShort', { income: v.lacking.income, deprivations: v.lacking.deprivations, area: v.lacking.area })}</div>
              ) : null}
            </div>
          ))}
        </>
      ) : null}
      {w.changed.length > 0 ? (
        <>
          <h2>{t(L, 'lookup.whatif.changed')}</h2>
          <ul class="plain">
            {w.changed.map((h) => (
              <li>
                <b>{h.code}</b> {h.head} <span class="muted">({h.villageName})</span>
                <div>
                  {cat(h.from)} → {cat(h.to)} <span class="muted">· {formatVnd(h.incomePerPersonVnd, L)}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {total.lacking.income + total.lacking.deprivations + total.lacking.area > 0 ? (
        <p class="warn">
          {t(L, 'lookup.whatif.lacking', {
            count: total.lacking.income + total.lacking.deprivations + total.lacking.area,
            income: total.lacking.income,
            deprivations: total.lacking.deprivations,
            area: total.lacking.area,
          })}
        </p>
      ) : null}
      {w.disagreeNow > 0 ? <p class="warn">{t(L, 'lookup.whatif.disagreeNow', { count: w.disagreeNow })}</p> : null}
      {w.provisional ? <p class="muted">{t(L, 'lookup.whatif.provisional')}</p> : null}
      <p class="muted">{t(L, 'lookup.whatif.estimate')}</p>
    </>
  )
}

const Match: FC<{ h: HouseholdRecord }> = ({ h }) => (
  <li>
    <a href={`/admin/households/${h.id}`}>
      <b>{h.code}</b> · {h.head}
    </a>
    <div class="muted">
      {h.villageName}, {h.communeName} · {String(h.year)}: {cat(h.category)}
    </div>
  </li>
)

const SearchResult: FC<{ result: FindResult; q: string }> = ({ result, q }) => {
  switch (result.kind) {
    case 'tooShort':
      return <p class="warn">{t(L, 'lookup.find.tooShort')}</p>
    case 'none':
      return <p>{t(L, 'lookup.find.none', { query: q })}</p>
    case 'one':
      return (
        <ul class="plain">
          <Match h={result.household} />
        </ul>
      )
    case 'many':
      return (
        <>
          <p>{tx(result.total > result.matches.length ? 'manyMore' : 'many', { total: result.total, shown: result.matches.length })}</p>
          <ul class="plain">
            {result.matches.map((h) => (
              <Match h={h} />
            ))}
          </ul>
        </>
      )
  }
}

const Listing: FC<{ listing: { village: string; rows: { id: number; code: string; head: string; year: number; category: HouseholdCategory; members: number }[]; page: number; total: number; code?: string } }> = ({ listing }) => {
  const pages = Math.ceil(listing.total / PAGE_SIZE)
  return (
    <>
      <h2>
        {listing.village} <span class="count">{n(listing.total)}</span>
      </h2>
      <ul class="plain">
        {listing.rows.map((h) => (
          <li>
            <a href={`/admin/households/${h.id}`}>
              <b>{h.code}</b> · {h.head}
            </a>
            <div class="muted">
              {String(h.year)}: {cat(h.category)}, {tx('members', { count: h.members })}
            </div>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <p class="actions">
          {listing.page > 1 ? (
            <a class="button secondary" href={`/admin/households?village=${encodeURIComponent(listing.code ?? '')}&page=${listing.page - 1}`}>
              {tx('previousPage')}
            </a>
          ) : null}
          <span class="muted">{tx('pageOf', { page: listing.page, pages })}</span>
          {listing.page < pages ? (
            <a class="button secondary" href={`/admin/households?village=${encodeURIComponent(listing.code ?? '')}&page=${listing.page + 1}`}>
              {tx('nextPage')}
            </a>
          ) : null}
        </p>
      ) : null}
    </>
  )
}

const HouseholdView: FC<{ result: Extract<FindResult, { kind: 'one' }> }> = ({ result }) => {
  const h = result.household
  return (
    <div class="item">
      <h2>{h.head}</h2>
      <p>
        {h.villageName}, {h.communeName}
        {h.formerCommuneName ? <span class="muted"> ({tx('listedAs', { name: h.formerCommuneName })})</span> : null}
      </p>
      <ul class="plain">
        <li>
          {tx('yearOf', { year: h.year })}: <b>{cat(h.category)}</b>
        </li>
        <li>{tx('members', { count: h.members })}</li>
        <li>{h.ethnicMinority ? tx('minorityYes') : tx('minorityNo')}</li>
        {h.incomePerPersonVnd !== null ? <li>{t(L, 'lookup.household.income', { income: formatVnd(h.incomePerPersonVnd, L) })}</li> : null}
        {h.deprivations !== null ? (
          <li>{h.deprivations.length === 0 ? t(L, 'lookup.household.noDeprivations') : t(L, 'lookup.household.deprivations', { count: h.deprivations.length, list: h.deprivations.join(', ') })}</li>
        ) : null}
      </ul>
      {result.history.length > 1 ? (
        <>
          <h3>{t(L, 'lookup.household.history')}</h3>
          <ul class="plain">
            {result.history.map((y) => (
              <li>
                {String(y.year)}: {cat(y.category)}, {tx('members', { count: y.members })} <span class="muted">· {y.villageName}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}

const ImportForm: FC<{ error?: string }> = ({ error }) => (
  <>
    {error ? <p class="warn error">{error}</p> : null}
    <p>{tx('importIntro', { max: n(UPLOAD_MAX_BYTES / (1024 * 1024)) })}</p>
    <form method="post" action={`/admin${IMPORT_PATH}`} enctype="multipart/form-data" class="item">
      <label>
        {tx('importFile')}
        <input type="file" name="file" required accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" />
      </label>
      <label>
        <input type="checkbox" name="skipInvalid" /> {tx('skipInvalid')}
      </label>
      <button>{tx('importSubmit')}</button>
    </form>
    <p class="muted">{tx('importColumns')}</p>
  </>
)

const ImportResult: FC<{ summary: ImportSummary }> = ({ summary }) => (
  <>
    {summary.ok ? (
      <p class="flash">{tx('importDone', { imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, skipped: summary.skipped, villages: summary.villagesCreated })}</p>
    ) : (
      <p class="warn error">{tx('importRefused', { count: summary.errorCount })}</p>
    )}
    {summary.errors.length > 0 ? (
      <ul class="plain">
        {summary.errors.map((e) => (
          <li>{e.message}</li>
        ))}
        {summary.errorCount > summary.errors.length ? <li class="muted">{tx('moreErrors', { count: summary.errorCount - summary.errors.length })}</li> : null}
      </ul>
    ) : null}
    <p class="actions">
      <a class="button" href={`/admin${IMPORT_PATH}`}>
        {tx('importAgain')}
      </a>
      <a class="button secondary" href="/admin/households">
        {tx('householdsTitle')}
      </a>
    </p>
  </>
)
