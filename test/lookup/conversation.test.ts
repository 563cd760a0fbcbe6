import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { createInvite } from '../../src/roles/invites.ts'
import { importHouseholds } from '../../src/lookup/import.ts'
import { csvBytes } from '../support/spreadsheets.ts'
import { REGISTER_2024, REGISTER_2025, withoutDemoHouseholds } from './fixtures.ts'

type ChatReply = { text: string; buttons?: { label: string; value: string }[] }

/**
 * The register by chat, through the real dialogue (POST /api/chat): two communes' officers, a resident, and the
 * hand-computed register of fixtures.ts (xã Đăk Pxi: Kon Gung and Đăk Kang; xã Đăk Hà: Thôn 1 of Hà Mòn and
 * Kon Trang Long Loi).
 */
let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  await withoutDemoHouseholds(t.db)
  t.places.invalidate()
  for (const list of [REGISTER_2024, REGISTER_2025]) expect((await importHouseholds(t.db, csvBytes(list), { allowed: 'all', places: t.places })).ok).toBe(true)
  for (const [id, place] of [
    ['officer-pxi', 'quang-ngai/xa-dak-pxi'],
    ['officer-ha', 'quang-ngai/xa-dak-ha'],
  ] as const) {
    const invite = await createInvite(t.db, { role: 'officer', placeCode: place, createdBy: 'test', now: t.clock.now() })
    expect((await chat(id, { text: `/canbo ${invite.code}` }))[0]!.text).toContain('Xác nhận thành công')
  }
  const ctv = await createInvite(t.db, { role: 'collaborator', placeCode: 'quang-ngai/xa-dak-pxi', createdBy: 'test', now: t.clock.now() })
  await chat('collaborator-pxi', { text: `/canbo ${ctv.code}` })
})
afterAll(() => t.close())

async function chat(conversationId: string, body: { text?: string; button?: string }): Promise<ChatReply[]> {
  const res = await t.post('/api/chat', { conversationId, ...body })
  expect(res.status).toBe(200)
  return ((await res.json()) as { replies: ChatReply[] }).replies
}
const say = async (who: string, text: string) => (await chat(who, { text }))[0]!
const tap = async (who: string, button: string) => (await chat(who, { button }))[0]!

describe('a household by chat', () => {
  it('shows an officer a household of their commune by name: category, year, members, village, and its history', async () => {
    const reply = await say('officer-pxi', 'tra cứu hộ Y Bia')
    expect(reply.text).toBe(
      [
        'Hộ DEMO-P1: Y Bia',
        'Kon Gung, xã Đăk Pxi',
        'Năm 2025: hộ nghèo, 5 nhân khẩu, dân tộc thiểu số.',
        'Thu nhập bình quân: 1.400.000 đ/người/tháng.',
        'Thiếu hụt 3 chỉ số: 1, 2, 3.',
        'Qua các năm:',
        '• 2024: hộ nghèo, 5 nhân khẩu, Kon Gung',
        '• 2025: hộ nghèo, 5 nhân khẩu, Kon Gung',
      ].join('\n'),
    )
  })

  it('finds by code, and by name with the village, without diacritics', async () => {
    expect((await say('officer-pxi', 'xem hộ demo-k2')).text).toContain('Hộ DEMO-K2: Nguyễn Văn Thuận')
    expect((await say('officer-pxi', "tra cuu ho ksor h'lan thon kon gung")).text).toContain("Hộ DEMO-P2: Ksor H'Lan")
  })

  it('offers buttons when several households match, and a tap shows the one chosen', async () => {
    const reply = await say('officer-pxi', 'tìm hộ Thuận')
    expect(reply.text).toContain('Có 2 hộ khớp với "Thuận"')
    expect(reply.buttons?.map((b) => b.label)).toEqual(['DEMO-P3 · A Thuận · Kon Gung (2025)', 'DEMO-K2 · Nguyễn Văn Thuận · Đăk Kang (2025)'])
    const chosen = await tap('officer-pxi', reply.buttons![0]!.value)
    expect(chosen.text).toContain('Hộ DEMO-P3: A Thuận')
    expect(chosen.text).toContain('2024: hộ cận nghèo, 6 nhân khẩu')
  })

  it('asks for more after an empty name or one letter, then takes the next message as the name', async () => {
    expect((await say('officer-pxi', 'tra cứu hộ')).text).toContain('ít nhất 2 chữ cái')
    expect((await say('officer-pxi', 'tra hộ Y')).text).toContain('ít nhất 2 chữ cái')
    expect((await say('officer-pxi', 'Y Biăk')).text).toContain('Hộ DEMO-K1: Y Biăk')
  })

  it('keeps another commune’s households from an officer, by name, by code and by a guessed button', async () => {
    // DEMO-H1 is xã Đăk Hà's (listed under the former xã Hà Mòn).
    expect((await say('officer-ha', 'tra hộ DEMO-H1')).text).toContain('Hộ DEMO-H1: Hộ Mẫu Hai Mươi')
    const byCode = await say('officer-pxi', 'tra hộ DEMO-H1')
    expect(byCode.text).toBe('Không tìm thấy hộ nào khớp với "DEMO-H1" trong địa bàn của bạn. Bạn thử gõ mã hộ, hoặc tên chủ hộ kèm tên thôn.')
    expect((await say('officer-pxi', 'tra hộ Hộ Mẫu Hai Mươi')).text).toContain('Không tìm thấy hộ nào')
    const h1 = await t.db.household.findFirstOrThrow({ where: { code: 'DEMO-H1' } })
    const guessed = await tap('officer-pxi', `lookup:h:${h1.id}`)
    const missing = await tap('officer-pxi', 'lookup:h:999999')
    expect(guessed.text).toBe(missing.text)
    expect(guessed.text).not.toContain('Hai Mươi')
  })

  it('tells anyone without an officer role that this is for officers, the same whether the household exists or not', async () => {
    const exists = await say('resident-1', 'tra hộ DEMO-P1')
    const missing = await say('resident-1', 'tra hộ DEMO-ZZZ9')
    expect(exists.text).toContain('Phần này dành cho cán bộ')
    expect(exists.text).toBe(missing.text)
    expect(exists.text).not.toContain('Y Bia')
    const h = await t.db.household.findFirstOrThrow({ where: { code: 'DEMO-P1' } })
    expect((await tap('resident-1', `lookup:h:${h.id}`)).text).toBe(exists.text)
    // A collaborator is staff but not an officer: no household data either.
    expect((await say('collaborator-pxi', 'tra cứu hộ Y Bia')).text).toBe(exists.text)
  })

  it('audit-logs every household shown (who, what, channel), without names, and keeps no household data in the conversation', async () => {
    await say('officer-pxi', 'tra cứu hộ Đinh Thị Mai')
    const p4 = await t.db.household.findFirstOrThrow({ where: { code: 'DEMO-P4', year: 2025 } })
    const rows = await t.db.auditLog.findMany({ where: { action: 'household.view', subject: `household:${p4.id}` } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorKind: 'officer', channel: 'web', detail: 'name' })
    const officer = await t.db.contact.findFirstOrThrow({ where: { externalId: t.webId('officer-pxi') } })
    expect(rows[0]!.actorContactId).toBe(officer.id)
    const all = await t.db.auditLog.findMany({ where: { action: { startsWith: 'household.' } } })
    expect(all.length).toBeGreaterThan(5)
    for (const r of all) expect(`${r.subject} ${r.detail ?? ''}`).not.toMatch(/Mai|Bia|Thuận|DEMO/)
    const session = await t.db.conversationSession.findFirstOrThrow({ where: { contactId: officer.id } })
    expect(session.recent).not.toMatch(/Đinh Thị Mai|Y Bia|DEMO-P/)
  })
})

describe('statistics by chat', () => {
  it('gives an officer the commune’s villages with a text bar chart, rates and the change from the year before', async () => {
    const reply = await say('officer-pxi', 'số hộ nghèo xã Đăk Pxi')
    // The latest list (2025). Hand-computed in test/lookup/stats.test.ts: Đăk Kang 3 of 4, Kon Gung 2 of 5; 2024: 3 poor, 2 near-poor.
    expect(reply.text).toContain(
      [
        'Hộ nghèo năm 2025 theo thôn (từ danh sách đã nhập):',
        '██████████ 3 (75%) · Đăk Kang',
        '███████ 2 (40%) · Kon Gung',
        'Tổng: 5 hộ nghèo (55,56%), 2 hộ cận nghèo (22,22%), trên 9 hộ có trong danh sách.',
        'So với năm 2024: hộ nghèo tăng 2 (năm đó 3); hộ cận nghèo không đổi (2).',
        'Thôn nhiều hộ nghèo nhất: Đăk Kang (3 hộ).',
      ].join('\n'),
    )
    // Reported figures say where they come from (any year, as none was asked).
    expect(reply.text).toContain('huyện Đăk Hà, năm 2021: 2.692 hộ nghèo (14,87%). Nguồn: Báo Kon Tum, 11/04/2022')
    expect(reply.buttons?.map((b) => b.label)).toEqual(['So với năm trước', 'Xem theo xã', 'Ước tính năm 2027'])
  })

  it('answers "thôn nào nhiều hộ nghèo nhất", then "so sánh với năm ngoái" place by place', async () => {
    expect((await say('officer-pxi', 'thôn nào nhiều hộ nghèo nhất')).text).toContain('Thôn nhiều hộ nghèo nhất: Đăk Kang (3 hộ).')
    const compare = await say('officer-pxi', 'so sánh với năm ngoái')
    expect(compare.text).toBe(
      [
        'So sánh hộ nghèo năm 2025 với năm 2024, theo thôn (từ danh sách đã nhập):',
        // Đăk Kang 2024: K1 poor, K2 near-poor; 2025: K1, K3, K4 poor.
        '• Đăk Kang: hộ nghèo 1 → 3 (tăng 2); cận nghèo 1 → 0',
        // Kon Gung 2024: P1, P2 poor, P3 near-poor; 2025: P1, P5 poor, P2, P3 near-poor.
        '• Kon Gung: hộ nghèo 2 → 2 (không đổi); cận nghèo 1 → 2',
        'Tổng: hộ nghèo 3 → 5 (tăng 2), tỷ lệ 50% → 55,56%; hộ cận nghèo 2 → 2.',
        'Tỷ lệ tính trên số hộ có trong danh sách từng năm.',
      ].join('\n'),
    )
  })

  it('gives an officer of xã Đăk Hà their own counts, and no counts of another commune', async () => {
    const own = await say('officer-ha', 'thống kê hộ nghèo')
    // H1, D1 poor; H2, D2 near-poor: 2 and 2 of 4.
    expect(own.text).toContain('Tổng: 2 hộ nghèo (50%), 2 hộ cận nghèo (50%), trên 4 hộ có trong danh sách.')
    const other = await say('officer-ha', 'số hộ nghèo xã Đăk Pxi')
    expect(other.text).toContain('xã Đăk Pxi không thuộc địa bàn bạn phụ trách')
    expect(other.text).not.toMatch(/55,56%|Đăk Kang/)
  })

  it('gives anyone the reported figures with their source, and never the imported lists’ counts', async () => {
    const reply = await say('resident-2', 'số hộ nghèo xã Đăk Pxi năm 2021')
    expect(reply.text).toContain('huyện Đăk Hà, năm 2021: 2.692 hộ nghèo (14,87%). Nguồn: Báo Kon Tum, 11/04/2022')
    expect(reply.text).not.toMatch(/55,56%|danh sách đã nhập|Đăk Kang/)
    expect((await say('resident-2', 'số hộ nghèo năm 2019')).text).toContain('Chưa có số liệu hộ nghèo đã công bố năm 2019')
  })
})

describe('the 2027 what-if by chat', () => {
  it('re-classifies the officer’s commune under the 2027 lines, against the hand-computed numbers', async () => {
    const reply = await say('officer-pxi', 'năm 2027 xã mình thêm bao nhiêu hộ nghèo')
    // test/lookup/stats.test.ts works these out household by household.
    expect(reply.text).toContain('Trong 7/9 hộ tính được: hộ nghèo 4 → 4, hộ cận nghèo 1 → 2.')
    expect(reply.text).toContain('• DEMO-P4 Đinh Thị Mai (Kon Gung): hộ có mức sống trung bình → hộ nghèo')
    expect(reply.text).toContain('2 hộ chưa tính được: 1 hộ thiếu thu nhập, 1 hộ thiếu chỉ số thiếu hụt')
    expect(reply.text).toContain('tạm dùng 12 chỉ số')
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'whatif.view' }, orderBy: { id: 'desc' } })
    expect(audit).toMatchObject({ actorKind: 'officer', channel: 'web', subject: 'count:3' })
  })

  it('comes from the button under the statistics too, for the same area', async () => {
    await say('officer-ha', 'thống kê hộ nghèo')
    const reply = await tap('officer-ha', 'lookup:whatif')
    // H1, H2, D2 estimated and unchanged; D1's area is not known.
    expect(reply.text).toContain('Trong 3/4 hộ tính được: hộ nghèo 1 → 1, hộ cận nghèo 2 → 2.')
    expect(reply.text).toContain('Không hộ nào đổi diện.')
  })

  it('is for officers only', async () => {
    expect((await say('resident-3', 'năm 2027 xã mình thêm bao nhiêu hộ nghèo')).text).toContain('Phần này dành cho cán bộ')
  })
})
