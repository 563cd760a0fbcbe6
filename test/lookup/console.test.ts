import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import readXlsxFile from 'read-excel-file/node'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { createInvite } from '../../src/roles/invites.ts'
import { importHouseholds } from '../../src/lookup/import.ts'
import { csvBytes, HEADER } from '../support/spreadsheets.ts'
import { REGISTER_2024, REGISTER_2025, withoutDemoHouseholds } from './fixtures.ts'

const TOKEN = 'lookup-console-token-1'
const ORIGIN = 'http://localhost'
type ChatReply = { text: string }

/**
 * The register on the officer console through the real app: each page scoped to the signed-in officer, against the
 * hand-computed register of fixtures.ts (xã Đăk Pxi: Kon Gung, Đăk Kang; xã Đăk Hà: Thôn 1 of Hà Mòn, Kon Trang
 * Long Loi).
 */
let t: TestApp
let pxi: string
let ha: string
beforeAll(async () => {
  t = await buildTestApp({ env: { ADMIN_TOKEN: TOKEN } })
  await withoutDemoHouseholds(t.db)
  t.places.invalidate()
  for (const list of [REGISTER_2024, REGISTER_2025]) expect((await importHouseholds(t.db, csvBytes(list), { allowed: 'all', places: t.places })).ok).toBe(true)
  pxi = await officerCookie('console-officer-pxi', 'quang-ngai/xa-dak-pxi')
  ha = await officerCookie('console-officer-ha', 'quang-ngai/xa-dak-ha')
})
afterAll(() => t.close())

async function chat(conversationId: string, text: string): Promise<ChatReply[]> {
  return ((await (await t.post('/api/chat', { conversationId, text })).json()) as { replies: ChatReply[] }).replies
}
/** An officer of `place` by invite, signed in on the console with the link the bot sends. */
async function officerCookie(conversationId: string, place: string): Promise<string> {
  const invite = await createInvite(t.db, { role: 'officer', placeCode: place, createdBy: 'test', now: t.clock.now() })
  await chat(conversationId, `/canbo ${invite.code}`)
  const [reply] = await chat(conversationId, 'mở trang cán bộ')
  const url = /http:\/\/\S+\/admin\/signin\/[\w-]+/.exec(reply!.text)![0]
  const res = await t.app.request(new URL(url).pathname)
  expect(res.status).toBe(302)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}
const get = (path: string, cookie: string) => t.app.request(path, { headers: { cookie } })
const html = async (path: string, cookie: string) => (await get(path, cookie)).text()
/** The page's content without its stylesheet and navigation. */
const main = (page: string) => page.slice(page.indexOf('<main>'), page.indexOf('</main>'))
async function upload(cookie: string, bytes: Uint8Array, name: string, fields: Record<string, string> = {}) {
  const body = new FormData()
  body.append('file', new File([bytes], name))
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  return t.app.request('/admin/households/import', { method: 'POST', body, headers: { cookie, origin: ORIGIN } })
}
const householdId = async (code: string, year = 2025) => (await t.db.household.findFirstOrThrow({ where: { code, year } })).id

describe('statistics on the console', () => {
  it('shows an officer their villages with charts by village and by year, and the published figures with sources', async () => {
    const whole = main(await html('/admin/statistics', pxi))
    // The imported lists' part (the published figures below it are public and cover the whole former district).
    const page = whole.slice(0, whole.indexOf('Số liệu hộ nghèo đã công bố'))
    expect(page).toContain('Đăk Kang')
    expect(page).toContain('Kon Gung')
    // 2025: 5 poor of 9 (55,56%), 2 near-poor (22,22%); Đăk Kang 3 (75%); 2024 → 2025: +2.
    for (const figure of ['55,56%', '22,22%', '3 (75%)', '2 (40%)', '+2']) expect(page).toContain(figure)
    expect(page.match(/<svg [^>]*role="img"/g)).toHaveLength(2)
    expect(page).not.toMatch(/Kon Trang Long Loi|Thôn 1/)
    expect(whole).toContain('Báo Kon Tum, 11/04/2022')
    // Another year and level from the form.
    const communes = main(await html('/admin/statistics?year=2024&level=commune', pxi))
    expect(communes).toContain('xã Đăk Pxi')
    expect(communes).toContain('3 (50%)')
  })

  it('exports the statistics by village as CSV and XLSX for the monthly report, audit-logged', async () => {
    const csv = await get('/admin/statistics/export.csv', pxi)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toContain('thong-ke-ho-ngheo-theo-thon-2025.csv')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      [
        'Xã,Thôn,Năm,Số hộ trong danh sách,Hộ nghèo,Tỷ lệ hộ nghèo (%),Hộ cận nghèo,Tỷ lệ hộ cận nghèo (%),Hộ nghèo DTTS,Năm trước,Hộ nghèo năm trước',
        'xã Đăk Pxi,Đăk Kang,2025,4,3,75,0,0,3,2024,1',
        'xã Đăk Pxi,Kon Gung,2025,5,2,40,2,40,2,2024,2',
        'Tổng cộng,,2025,9,5,"55,56",2,"22,22",5,2024,3',
        '',
      ].join('\r\n'),
    )
    const xlsx = await get('/admin/statistics/export.xlsx?year=2025', pxi)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const sheet = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()))
    const rows = (Array.isArray(sheet[0]) ? sheet : (sheet as unknown as { data: unknown[][] }[])[0]!.data) as unknown[][]
    expect(rows.slice(1)).toEqual([
      ['xã Đăk Pxi', 'Đăk Kang', 2025, 4, 3, 75, 0, 0, 3, 2024, 1],
      ['xã Đăk Pxi', 'Kon Gung', 2025, 5, 2, 40, 2, 40, 2, 2024, 2],
      ['Tổng cộng', null, 2025, 9, 5, 55.56, 2, 22.22, 5, 2024, 3],
    ])
    const audits = await t.db.auditLog.findMany({ where: { action: 'stats.export' }, orderBy: { id: 'asc' } })
    expect(audits.map((a) => [a.channel, a.subject, a.detail, a.actorKind])).toEqual([
      ['console', 'stats:village:2025', 'csv:3', 'officer'],
      ['console', 'stats:village:2025', 'xlsx:3', 'officer'],
    ])
    // Another commune's officer exports only their own villages.
    const theirs = new TextDecoder().decode(await (await get('/admin/statistics/export.csv', ha)).arrayBuffer())
    expect(theirs).not.toContain('Đăk Kang')
    expect(theirs).toContain('Thôn 1')
  })
})

describe('the 2027 what-if on the console', () => {
  it('re-classifies the officer’s commune against the hand-computed numbers, and names the households that change', async () => {
    const page = main(await html('/admin/whatif', pxi))
    // test/lookup/stats.test.ts: 7 of 9 estimated; poor 4 → 4, near-poor 1 → 2; K3, K2, P4 change.
    expect(page).toContain('4 → 4')
    expect(page).toContain('1 → 2')
    expect(page).toContain('7/9')
    for (const code of ['DEMO-K3', 'DEMO-K2', 'DEMO-P4']) expect(page).toContain(code)
    expect(page).toContain('tạm dùng 12 chỉ số')
    const theirs = main(await html('/admin/whatif', ha))
    expect(theirs).toContain('3/4')
    expect(theirs).not.toMatch(/DEMO-P4|Đăk Kang/)
  })
})

describe('households on the console', () => {
  it('finds a household by name and shows it with its history, audit-logged', async () => {
    const found = main(await html(`/admin/households?q=${encodeURIComponent('Y Bia')}`, pxi))
    const id = await householdId('DEMO-P1')
    expect(found).toContain(`href="/admin/households/${id}"`)
    const page = main(await html(`/admin/households/${id}`, pxi))
    expect(page).toContain('Y Bia')
    expect(page).toContain('Kon Gung, xã Đăk Pxi')
    expect(page).toMatch(/2024: hộ nghèo, 5 nhân khẩu/)
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'household.view', subject: `household:${id}`, channel: 'console' } })
    expect(audit.actorKind).toBe('officer')
  })

  it('browses a village of the officer’s area', async () => {
    const list = main(await html('/admin/households', pxi))
    expect(list).toContain('Đăk Kang')
    expect(list).not.toContain('Kon Trang Long Loi')
    const village = (await t.db.household.findFirstOrThrow({ where: { code: 'DEMO-K1' } })).villageCode
    const page = main(await html(`/admin/households?village=${encodeURIComponent(village)}`, pxi))
    for (const code of ['DEMO-K1', 'DEMO-K2', 'DEMO-K3', 'DEMO-K4']) expect(page).toContain(code)
  })

  it('keeps another commune’s households from an officer: search, a guessed id, a village of theirs, the API', async () => {
    const h1 = await householdId('DEMO-H1')
    expect(main(await html('/admin/households?q=DEMO-H1', pxi))).toContain('Không tìm thấy hộ nào')
    const guessed = await get(`/admin/households/${h1}`, pxi)
    const missing = await get('/admin/households/99999999', pxi)
    expect(guessed.status).toBe(404)
    expect(main(await guessed.text())).toBe(main(await missing.text()))
    const theirVillage = (await t.db.household.findFirstOrThrow({ where: { code: 'DEMO-H1' } })).villageCode
    expect(main(await html(`/admin/households?village=${encodeURIComponent(theirVillage)}`, pxi))).not.toContain('DEMO-H1')
    // The officer of xã Đăk Hà sees it.
    expect((await get(`/admin/households/${h1}`, ha)).status).toBe(200)
    // The JSON API with the same session: the same scope.
    const api = (await (await t.app.request('/api/admin/households?code=DEMO-H1', { headers: { cookie: pxi } })).json()) as { kind: string }
    expect(api.kind).toBe('none')
    const admin = await t.app.request('/api/admin/households?code=DEMO-H1', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(((await admin.json()) as { kind: string }).kind).toBe('one')
    expect(await t.db.auditLog.count({ where: { action: 'household.view', channel: 'api' } })).toBe(1)
  })
})

describe('the upload of a commune list', () => {
  const ROW_2026 = (code: string, members: string, commune = 'Đăk Pxi') => [code, 'Hộ Mẫu Tải Lên', 'Kon Gung', commune, members, 'nghèo', 'có', '2026', '1.300.000', '1;2;3']

  it('imports nothing from a list with one broken row, and names its line and column', async () => {
    const before = await t.db.household.count()
    const res = await upload(pxi, csvBytes([HEADER, ROW_2026('UP-001', '4'), ROW_2026('UP-002', 'bốn'), ROW_2026('UP-003', '3')]), 'danh-sach.csv')
    expect(res.status).toBe(422)
    const page = main(await res.text())
    expect(page).toContain('Chưa nhập dòng nào')
    expect(page).toContain("Dòng 3, cột Số nhân khẩu (E): phải là số nguyên")
    expect(await t.db.household.count()).toBe(before)
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'import.households' }, orderBy: { id: 'desc' } })
    expect(audit).toMatchObject({ channel: 'console', detail: 'refused:1', actorKind: 'officer' })
  })

  it('refuses rows outside the officer’s area', async () => {
    const before = await t.db.household.count()
    const res = await upload(pxi, csvBytes([HEADER, ROW_2026('UP-011', '4'), ROW_2026('UP-012', '4', 'Đăk Hà')]), 'danh-sach.csv')
    expect(res.status).toBe(422)
    expect(main(await res.text())).toContain('không thuộc địa bàn bạn phụ trách')
    expect(await t.db.household.count()).toBe(before)
  })

  it('imports a good list of the officer’s commune, audit-logged, and the same file again changes nothing', async () => {
    const file = csvBytes([HEADER, ROW_2026('UP-021', '4'), ROW_2026('UP-022', '2')])
    const res = await upload(pxi, file, 'danh-sach-2026.csv')
    expect(res.status).toBe(200)
    expect(main(await res.text())).toContain('Đã nhập xong: 2 hộ mới')
    expect(await t.db.household.count({ where: { year: 2026 } })).toBe(2)
    const again = main(await (await upload(pxi, file, 'danh-sach-2026.csv')).text())
    expect(again).toContain('0 hộ mới, 0 hộ cập nhật, 2 hộ không đổi')
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'import.households', detail: { startsWith: 'imported:2' } } })
    expect(audit.channel).toBe('console')
    await t.db.household.deleteMany({ where: { year: 2026 } })
  })

  it('refuses a file over 5 MB with a clear message, before reading it', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 100_000).fill(0x41)
    const res = await upload(pxi, big, 'qua-lon.csv')
    expect(res.status).toBe(413)
    expect(main(await res.text())).toContain('Tệp quá lớn: trang này nhận tệp đến 5 MB')
    // An ordinary form post elsewhere keeps its small limit.
    const form = await t.app.request('/admin/offices/xa-dak-pxi', { method: 'POST', body: new URLSearchParams({ note: 'x'.repeat(70_000) }), headers: { cookie: pxi, origin: ORIGIN } })
    expect(form.status).toBe(413)
  })
})

describe('unanswered questions on the console', () => {
  it('groups questions worded alike with their count, and labels the group at once', async () => {
    for (const [i, text] of ['giá vàng hôm nay', 'Giá vàng hôm nay?', 'gia vang hom nay bao nhieu', 'xe buýt mấy giờ chạy'].entries()) {
      await t.db.unansweredQuestion.create({ data: { text, intentGuess: 'thanks_bye', confidence: 0.1, placeCode: null, at: new Date(t.clock.now().getTime() + i * 1000) } })
    }
    const admin = (await t.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: TOKEN }), headers: { origin: ORIGIN } })).headers.get('set-cookie')!.split(';')[0]!
    const page = main(await html('/admin/unanswered', admin))
    expect(page).toContain('3 lần hỏi')
    expect(page.match(/<form class="item"/g)).toHaveLength(2)
    // Unsure guesses: nothing pre-selected in either group.
    expect(page.match(/<option value="" selected/g)).toHaveLength(2)
    const first = await t.db.unansweredQuestion.findFirstOrThrow({ where: { text: 'gia vang hom nay bao nhieu' } })
    const others = await t.db.unansweredQuestion.findMany({ where: { text: { in: ['giá vàng hôm nay', 'Giá vàng hôm nay?'] } } })
    const body = new URLSearchParams([['intent', 'out_of_scope'], ['action', 'train'], ...others.map((o) => ['also', String(o.id)] as [string, string])])
    await t.app.request(`/admin/unanswered/${first.id}`, { method: 'POST', body, headers: { cookie: admin, origin: ORIGIN } })
    expect(await t.db.unansweredQuestion.count({ where: { status: 'added' } })).toBe(3)
    expect((await t.db.trainingUtterance.findMany({ orderBy: { id: 'asc' } })).map((u) => u.intent)).toEqual(['out_of_scope', 'out_of_scope', 'out_of_scope'])
  })
})
