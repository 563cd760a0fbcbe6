import type { AddressInfo } from 'node:net'
import fs from 'node:fs'
import { serve, type ServerType } from '@hono/node-server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { artifactPath, cspViolations, launchBrowser, runBrowserTests } from '../support/browser.ts'
import { createInvite } from '../../src/roles/invites.ts'
import { importHouseholds } from '../../src/lookup/import.ts'
import { csvBytes } from '../support/spreadsheets.ts'
import { REGISTER_2024, REGISTER_2025 } from '../lookup/fixtures.ts'

const TOKEN = 'browser-test-admin-token'

/**
 * Every officer-console screen in a real browser (Debian chromium), at a phone's width: nothing may be wider than
 * the screen, so no page scrolls sideways. A full-page screenshot of each screen is kept in test-artifacts/.
 */
describe.skipIf(!runBrowserTests)('the officer console in a browser at 390 px', () => {
  let t: TestApp
  let server: ServerType
  let origin: string
  let browser: Browser
  const ids: Record<string, number> = {}
  /** What the CSP refused on any console page (its stylesheet is allowed by hash; no inline script, no style=""). */
  const refused: string[] = []
  const newPage = async (options: Parameters<Browser['newPage']>[0]) => {
    const page = await browser.newPage(options)
    const seen = cspViolations(page)
    page.on('close', () => refused.push(...seen))
    return page
  }

  async function chat(conversationId: string, body: { text?: string; button?: string }) {
    return ((await (await t.post('/api/chat', { conversationId, ...body })).json()) as { replies: { text: string }[] }).replies
  }

  beforeAll(async () => {
    t = await buildTestApp({ env: { ADMIN_TOKEN: TOKEN } })
    for (const list of [REGISTER_2024, REGISTER_2025]) await importHouseholds(t.db, csvBytes(list), { allowed: 'all', places: t.places })
    ids.household = (await t.db.household.findFirstOrThrow({ where: { code: 'DEMO-P1', year: 2025 } })).id
    // Content for every screen: a hand-over with a tapped conversation, unanswered questions (long words too), an event.
    await chat('resident-b1', { button: 'menu:start' })
    await chat('resident-b1', { button: 'contact:start' })
    await chat('resident-b1', { button: 'contact:place:xa-dak-pxi' })
    await chat('resident-b1', { button: 'contact:handover' })
    await chat('resident-b1', { text: 'Cho tôi hỏi hộ tôi ở thôn Kon Gung năm nay có được vay vốn làm nhà không, nhà 6 người' })
    for (const text of ['giá vàng hôm nay', 'Giá vàng hôm nay bao nhiêu?', 'https://example.com/mot-duong-dan-rat-dai-khong-co-cho-xuong-dong-aaaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
      await t.db.unansweredQuestion.create({ data: { text, intentGuess: 'thanks_bye', confidence: 0.2, placeCode: 'quang-ngai/xa-dak-pxi', at: t.clock.now() } })
    }
    const created = await t.post(
      '/api/admin/events',
      { kind: 'training', title: 'Tập huấn rà soát hộ nghèo, hộ cận nghèo theo chuẩn mới năm 2027 cho cộng tác viên các thôn', startsAt: '2026-12-10T08:00:00+07:00', placeCodes: ['quang-ngai/xa-dak-pxi'] },
      { authorization: `Bearer ${TOKEN}` },
    )
    expect(created.status).toBe(201)
    ids.event = ((await created.json()) as { event: { id: number } }).event.id

    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchBrowser()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await t?.close()
  })

  /** An officer of xã Đăk Pxi, signed in the way officers are: a one-time link from the bot, opened in the browser. */
  async function officerPage(width: number): Promise<Page> {
    const id = `officer-b-${width}`
    const invite = await createInvite(t.db, { role: 'officer', placeCode: 'quang-ngai/xa-dak-pxi', createdBy: 'test', now: t.clock.now() })
    await chat(id, { text: `/canbo ${invite.code}` })
    const [reply] = await chat(id, { text: 'mở trang cán bộ' })
    const link = new URL(/http:\/\/\S+\/admin\/signin\/[\w-]+/.exec(reply!.text)![0])
    const page = await newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 1 })
    await page.goto(`${origin}${link.pathname}`)
    expect(new URL(page.url()).pathname).toBe('/admin')
    return page
  }

  async function adminPage(width: number): Promise<Page> {
    const page = await newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 1 })
    await page.goto(`${origin}/admin/login`)
    await page.fill('input[name=token]', TOKEN)
    await Promise.all([page.waitForURL(`${origin}/admin`), page.click('form[action="/admin/login"] button')])
    return page
  }

  /** How wide the page is, and which elements reach past the screen's right edge (with open details). */
  /** Bytes of each page's HTML as served (the stylesheet is inline, charts are inline SVG). */
  const sizes: Record<string, number> = {}

  async function measure(page: Page, path: string) {
    const res = await page.goto(`${origin}${path}`)
    expect(res?.status(), path).toBeLessThan(400)
    sizes[path.replace(/\d+$/, ':id')] = (await res!.body()).length
    return page.evaluate(() => {
      // Runs in the page; the project's types have no DOM, so the little used here is declared.
      type El = { tagName: string; className: unknown; parentElement: El | null; open?: boolean; getBoundingClientRect(): { width: number; right: number } }
      const w = globalThis as unknown as {
        innerWidth: number
        document: { body: El; documentElement: { scrollWidth: number }; querySelectorAll(s: string): Iterable<El> }
        getComputedStyle(e: El): { overflowX: string }
      }
      for (const d of w.document.querySelectorAll('details')) d.open = true
      const width = w.innerWidth
      const over: string[] = []
      for (const el of w.document.querySelectorAll('body *')) {
        // Inside a box that scrolls by itself (a wide table), an element may be wider: the page does not move.
        let scroller = el.parentElement
        let insideScroller = false
        while (scroller && scroller !== w.document.body) {
          const style = w.getComputedStyle(scroller)
          if (style.overflowX === 'auto' || style.overflowX === 'scroll') insideScroller = true
          scroller = scroller.parentElement
        }
        if (insideScroller) continue
        const r = el.getBoundingClientRect()
        if (r.width > 0 && r.right > width + 0.5) over.push(`${el.tagName.toLowerCase()}.${String(el.className)} ${Math.round(r.right)}`)
      }
      return { scrollWidth: w.document.documentElement.scrollWidth, width, over: over.slice(0, 5) }
    })
  }

  const OFFICER_SCREENS: [string, string | (() => string)][] = [
    ['home', '/admin'],
    ['statistics', '/admin/statistics'],
    ['whatif', '/admin/whatif'],
    ['households', '/admin/households'],
    ['household-search', `/admin/households?q=${encodeURIComponent('Thuận')}`],
    ['household', () => `/admin/households/${ids.household}`],
    ['import', '/admin/households/import'],
    ['reminders', '/admin/reminders'],
    ['reminder', () => `/admin/reminders/${ids.event}`],
    ['handovers', '/admin/handovers'],
    ['unanswered', '/admin/unanswered'],
    ['offices', '/admin/offices'],
    ['checks', '/admin/checks'],
    ['roles', '/admin/roles'],
  ]

  it('shows every officer screen without sideways scrolling at 390 px, and keeps a screenshot of each', async () => {
    const page = await officerPage(390)
    const widths: Record<string, number> = {}
    for (const [name, path] of OFFICER_SCREENS) {
      const m = await measure(page, typeof path === 'string' ? path : path())
      widths[name] = m.scrollWidth
      expect(m.over, name).toEqual([])
      expect(m.scrollWidth, name).toBeLessThanOrEqual(390)
      await page.screenshot({ path: artifactPath(`console-390-${name}.png`), fullPage: true })
    }
    fs.writeFileSync(artifactPath('console-390-widths.json'), JSON.stringify(widths, null, 2))
    fs.writeFileSync(artifactPath('console-page-bytes.json'), JSON.stringify(sizes, null, 2))
    // The statistics screen really drew its charts, and the Vietnamese text rendered (fonts-noto-core).
    await page.goto(`${origin}/admin/statistics`)
    expect(await page.locator('svg[role=img]').count()).toBe(2)
    const chart = await page.locator('svg[role=img]').first().boundingBox()
    expect(chart!.width).toBeGreaterThan(300)
    expect(chart!.height).toBeGreaterThan(60)
    await page.close()
  })

  it('shows the admin’s screens (audit log, sign-in) without sideways scrolling at 390 px', async () => {
    const page = await adminPage(390)
    for (const [name, path] of [
      ['audit', '/admin/audit'],
      ['statistics-admin', '/admin/statistics?level=commune'],
    ] as const) {
      const m = await measure(page, path)
      expect(m.over, name).toEqual([])
      expect(m.scrollWidth, name).toBeLessThanOrEqual(390)
      await page.screenshot({ path: artifactPath(`console-390-${name}.png`), fullPage: true })
    }
    await page.close()
    const signedOut = await newPage({ viewport: { width: 390, height: 800 } })
    const m = await measure(signedOut, '/admin/login')
    expect(m.scrollWidth).toBeLessThanOrEqual(390)
    await signedOut.screenshot({ path: artifactPath('console-390-login.png'), fullPage: true })
    await signedOut.close()
  })

  it('stays within a narrower 320 px screen too', async () => {
    const page = await officerPage(320)
    const widths: Record<string, number> = {}
    for (const [name, path] of OFFICER_SCREENS) {
      const m = await measure(page, typeof path === 'string' ? path : path())
      widths[name] = m.scrollWidth
      expect(m.over, name).toEqual([])
    }
    fs.writeFileSync(artifactPath('console-320-widths.json'), JSON.stringify(widths, null, 2))
    await page.close()
  })

  it('runs every screen under the CSP: the browser refused no script, stylesheet or style attribute', () => {
    expect(refused).toEqual([])
  })
})
