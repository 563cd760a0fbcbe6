import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestApp } from '../support/app.ts'
import { startZaloStandIn, type ZaloStandIn } from '../support/zalo-standin.ts'
import { ZALO } from '../support/app.ts'
import { startSession } from '../../src/roles/signin.ts'
import { ADMIN, COMMUNE, OTHER_COMMUNE, addVillages, createViaApi, person, reminderApp, say, tick } from './support.ts'

const buttonValues = (replies: { buttons?: { value: string }[] }[]) => replies.flatMap((r) => r.buttons ?? []).map((b) => b.value)
const allText = (replies: { text: string }[]) => replies.map((r) => r.text).join('\n')

describe('reminders by chat: an officer creates an event, with a confirmation step', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await reminderApp()
    await addVillages(t, COMMUNE, ['thôn 5', 'thôn 6'])
    await addVillages(t, OTHER_COMMUNE, ['thôn 7'])
    await person(t, { id: '900', role: 'officer', place: COMMUNE })
    await person(t, { id: '901', role: 'collaborator', place: `${COMMUNE}/thon-5` })
  })
  afterEach(() => t.close())

  it('understands the sentence, lets one field be fixed, and saves only when confirmed', async () => {
    const first = await say(t, '900', 'nhắc các cộng tác viên thôn 5 họp giao ban 14h ngày 9/12 tại nhà văn hóa')
    const summary = allText(first)
    expect(summary).toContain('Họp giao ban')
    expect(summary).toContain('14:00 thứ Tư, 9/12/2026')
    expect(summary).toContain('nhà văn hóa')
    expect(summary).toContain('cộng tác viên của thôn 5')
    expect(buttonValues(first)).toEqual(['rem:save:0', 'rem:drop:0', 'rem:fix:date', 'rem:fix:time', 'rem:fix:location', 'rem:fix:audience', 'rem:fix:title'])
    // Every button fits Telegram's callback data and our button pattern; no message has more than Zalo's 5.
    for (const r of first) expect((r.buttons ?? []).length).toBeLessThanOrEqual(5)
    for (const v of buttonValues(first)) expect(v).toMatch(/^[a-z][a-z_]*:[\w.:-]{1,60}$/)
    expect(await t.db.reminderEvent.count()).toBe(0)

    const ask = await say(t, '900', { button: 'rem:fix:time' })
    expect(ask[0]!.text).toContain('Mấy giờ')
    const fixed = await say(t, '900', '15h30')
    expect(allText(fixed)).toContain('15:30 thứ Tư, 9/12/2026')
    expect(allText(fixed)).toContain('Họp giao ban')
    expect(await t.db.reminderEvent.count()).toBe(0)

    const saved = await say(t, '900', { button: 'rem:save:0' })
    expect(saved[0]!.text).toContain('Đã lưu lịch')
    expect(saved[0]!.text).toContain('nhắc 1 người')
    const event = await t.db.reminderEvent.findFirstOrThrow()
    expect(event.startsAt.toISOString()).toBe('2026-12-09T08:30:00.000Z')
    expect(event.location).toBe('nhà văn hóa')
    expect(JSON.parse(event.placeCodes)).toEqual([`${COMMUNE}/thon-5`])
    expect(event.audience).toBe('collaborators')
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'reminder.create' } })
    expect(audit.subject).toBe(`event:${event.id}`)
    // A second tap on "Lưu" saves nothing more.
    await say(t, '900', { button: 'rem:save:0' })
    expect(await t.db.reminderEvent.count()).toBe(1)
  })

  it.each([
    ['tạo lịch họp ngày 31/02 lúc 8h', /"31\/02" không có trên lịch/],
    ['tạo lịch họp giao ban ngày 20/11/2026 lúc 8h', /đã qua/],
    ['tạo lịch họp giao ban ngày 9/12', /Mấy giờ/],
    ['nhắc cộng tác viên thôn 99 họp 8h ngày 9/12', /không tìm thấy "thôn 99"/],
    ['nhắc cộng tác viên thôn 7 họp 8h ngày 9/12', /"thôn 7" không thuộc khu vực/],
  ])('asks the officer to fix one field for "%s", and saves nothing', async (text, expected) => {
    const replies = await say(t, '900', text)
    expect(replies[0]!.text).toMatch(expected)
    expect(buttonValues(replies)).not.toContain('rem:save:0')
    expect(await t.db.reminderEvent.count()).toBe(0)
  })

  it('takes the fixed field and goes on to the next problem, then to the confirmation', async () => {
    const asked = await say(t, '900', 'tạo lịch tập huấn ngày 31/02 tại hội trường xã')
    expect(asked[0]!.text).toContain('không có trên lịch')
    const again = await say(t, '900', '30/2')
    expect(again[0]!.text).toContain('không có trên lịch')
    const time = await say(t, '900', 'thứ hai tuần sau')
    expect(time[0]!.text).toContain('Mấy giờ')
    const confirm = await say(t, '900', '8h')
    expect(allText(confirm)).toContain('08:00 thứ Hai, 7/12/2026')
    expect(allText(confirm)).toContain('Tập huấn')
    expect(await t.db.reminderEvent.count()).toBe(0)
  })

  it('refuses event creation to a collaborator, politely', async () => {
    const replies = await say(t, '901', 'nhắc các cộng tác viên thôn 5 họp giao ban 14h ngày 9/12')
    expect(replies[0]!.text).toMatch(/cán bộ/i)
    expect(await t.db.reminderEvent.count()).toBe(0)
  })

  it('lists what is coming, and tells an officer who confirmed, declined or was not reached', async () => {
    const { json } = await createViaApi(t, { kind: 'meeting', title: 'Họp giao ban', startsAt: '2026-12-02T14:00:00+07:00', placeCodes: [COMMUNE] })
    const list = await say(t, '901', 'mai có họp không')
    expect(list[0]!.text).toContain('Họp giao ban')
    expect(list[0]!.text).toContain('14:00 thứ Tư, 2/12/2026')
    await say(t, '901', { button: `rem:yes:${json.event.id}` })
    const who = await say(t, '900', 'ai chưa xác nhận họp mai')
    expect(who[0]!.text).toContain('Sẽ tham dự (1)')
    expect(who[0]!.text).toContain('CTV thôn 5')
    const year = await say(t, '901', 'lịch rà soát năm nay')
    expect(year[0]!.text).toContain('Lịch từ nay đến hết năm')
  })

  it('lets anyone follow a commune’s public events by buttons, and stop', async () => {
    await t.db.reminderEvent.create({
      data: { kind: 'deadline', title: 'x', titleKey: 'reminders.calendar.annual_close', titleVars: '{"year":2026}', startsAt: new Date('2026-12-14T10:00:00Z'), placeCodes: JSON.stringify([COMMUNE]), public: true, createdBy: 'calendar' },
    })
    const ask = await say(t, '555', 'đăng ký nhận nhắc lịch')
    expect(buttonValues(ask)).toContain('rem:sub:quang-ngai.xa-dak-ui')
    const village = await say(t, '555', { button: 'rem:sub:quang-ngai.xa-dak-ui' })
    expect(buttonValues(village)).toContain('rem:subp:quang-ngai.xa-dak-ui.thon-5')
    const done = await say(t, '555', { button: 'rem:subp:quang-ngai.xa-dak-ui.thon-5' })
    expect(done[0]!.text).toContain('Đã đăng ký')
    const list = await say(t, '555', 'lịch rà soát năm nay')
    expect(list[0]!.text).toContain('Hết hạn rà soát định kỳ năm 2026')
    await tick(t, '2026-12-11T10:00:00Z')
    const contact = await t.db.contact.findFirstOrThrow({ where: { externalId: '555' } })
    expect(await t.db.reminderDelivery.count({ where: { contactId: contact.id } })).toBeGreaterThan(0)
    const off = await say(t, '555', 'tắt thông báo')
    expect(off[0]!.text).toContain('Đã bỏ theo dõi')
    expect(await t.db.reminderSubscription.count()).toBe(0)
    expect(await t.db.reminderDelivery.count({ where: { contactId: contact.id, status: 'planned' } })).toBe(0)
  })
})

describe('POST /api/admin/events', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await reminderApp()
    await addVillages(t, COMMUNE, ['thôn 5'])
  })
  afterEach(() => t.close())

  it('creates an event with the admin token, and answers bad input with Vietnamese field errors', async () => {
    const ok = await createViaApi(t, { kind: 'training', title: 'Tập huấn', startsAt: '2026-12-10T08:00:00+07:00', placeCodes: [COMMUNE] })
    expect(ok.status).toBe(201)
    expect(ok.json.event.startsAt).toBe('2026-12-10T01:00:00.000Z')
    const bad = await createViaApi(t, { kind: 'party', title: '', startsAt: '10/12/2026', placeCodes: ['nowhere'] })
    expect(bad.status).toBe(400)
    expect(bad.json.error.fields.kind).toMatch(/training/)
    expect(bad.json.error.fields.title).toContain('Cần có tên')
    expect(bad.json.error.fields.startsAt).toContain('ISO 8601')
    expect(bad.json.error.fields.placeCodes).toContain('nowhere')
    const past = await createViaApi(t, { kind: 'meeting', title: 'Họp', startsAt: '2026-11-30T08:00:00+07:00' })
    expect(past.json.error.fields.startsAt).toContain('đã qua')
    const notJson = await t.post('/api/admin/events', '{nope', { authorization: `Bearer ${ADMIN}` })
    expect(notJson.status).toBe(400)
    expect((await t.post('/api/admin/events', {}, {})).status).toBe(401)
    expect(await t.db.reminderEvent.count()).toBe(1)
  })

  it('lets an officer session target only places in their scope (403 outside)', async () => {
    const contactId = await person(t, { id: '900', role: 'officer', place: COMMUNE })
    const assignment = await t.db.roleAssignment.findFirstOrThrow({ where: { contactId } })
    const session = await startSession(t.db, { kind: 'person', contactId, assignmentId: assignment.id, now: t.clock.now() })
    const headers = { cookie: `tlgn_session=${session.token}` }
    const inside = await t.post('/api/admin/events', { kind: 'meeting', title: 'Họp', startsAt: '2026-12-10T08:00:00+07:00', placeCodes: [`${COMMUNE}/thon-5`] }, headers)
    expect(inside.status).toBe(201)
    const outside = await t.post('/api/admin/events', { kind: 'meeting', title: 'Họp', startsAt: '2026-12-10T08:00:00+07:00', placeCodes: [OTHER_COMMUNE] }, headers)
    expect(outside.status).toBe(403)
    expect(((await outside.json()) as { error: { message: string } }).error.message).toContain('khu vực')
    const defaulted = await t.post('/api/admin/events', { kind: 'meeting', title: 'Họp xã', startsAt: '2026-12-10T08:00:00+07:00' }, headers)
    expect(((await defaulted.json()) as { event: { placeCodes: string[] } }).event.placeCodes).toEqual([COMMUNE])
  })

  it('shows the officer page with the events of their area, and creates one from the form with the same checks', async () => {
    const contactId = await person(t, { id: '900', role: 'officer', place: COMMUNE })
    const assignment = await t.db.roleAssignment.findFirstOrThrow({ where: { contactId } })
    const session = await startSession(t.db, { kind: 'person', contactId, assignmentId: assignment.id, now: t.clock.now() })
    const cookie = `tlgn_session=${session.token}`
    await createViaApi(t, { kind: 'deadline', title: 'Nộp phiếu', startsAt: '2026-12-14T17:00:00+07:00', placeCodes: [COMMUNE] })
    await createViaApi(t, { kind: 'meeting', title: 'Họp xã khác', startsAt: '2026-12-14T17:00:00+07:00', placeCodes: [OTHER_COMMUNE] })
    const page = await (await t.app.request('/admin/reminders', { headers: { cookie } })).text()
    expect(page).toContain('Nộp phiếu')
    expect(page).not.toContain('Họp xã khác')
    const form = (fields: Record<string, string>) =>
      t.app.request('/admin/reminders', { method: 'POST', headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })
    const bad = await form({ kind: 'meeting', title: 'Họp', startsAt: '2026-11-20T08:00', place: COMMUNE })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('đã qua')
    const good = await form({ kind: 'meeting', title: 'Họp thôn', startsAt: '2026-12-12T08:00', place: `${COMMUNE}/thon-5`, audience: 'all' })
    expect(good.status).toBe(302)
    const saved = await t.db.reminderEvent.findFirstOrThrow({ where: { title: 'Họp thôn' } })
    expect(saved.startsAt.toISOString()).toBe('2026-12-12T01:00:00.000Z')
    const detail = await (await t.app.request(`/admin/reminders/${saved.id}`, { headers: { cookie } })).text()
    expect(detail).toContain('value="2026-12-12T08:00"')
    const moved = await t.app.request(`/admin/reminders/${saved.id}/move`, {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ startsAt: '2026-12-13T09:30', location: 'Hội trường' }).toString(),
    })
    expect(moved.status).toBe(302)
    const after = await t.db.reminderEvent.findUniqueOrThrow({ where: { id: saved.id } })
    expect([after.startsAt.toISOString(), after.location, after.version]).toEqual(['2026-12-13T02:30:00.000Z', 'Hội trường', 2])
  })
})

describe('Zalo’s 7-day window', () => {
  let zalo: ZaloStandIn
  let t: TestApp
  afterEach(async () => {
    await t.close()
    await zalo.close()
  })
  async function setup(env: Record<string, string> = {}) {
    zalo = await startZaloStandIn({ validTokens: [ZALO.accessToken], validRefreshToken: ZALO.refreshToken, appSecret: ZALO.appSecret })
    t = await reminderApp({ zalo: zalo.url, env })
    await addVillages(t, COMMUNE, ['thôn 5'])
  }

  it('sends a reminder early while the window is open, and marks one that cannot be sent early not reached', async () => {
    await setup()
    const now = new Date('2026-12-01T03:00:00Z')
    // Last wrote 6 days ago: the window closes on 2/12 at 10:00, before any reminder of a meeting on 6/12.
    await person(t, { channel: 'zalo', id: 'z-open', role: 'collaborator', place: `${COMMUNE}/thon-5`, lastInboundAt: new Date(now.getTime() - 6 * 86400_000) })
    // Last wrote 8 days ago: the window is already closed.
    await person(t, { channel: 'zalo', id: 'z-closed', role: 'collaborator', place: `${COMMUNE}/thon-5`, lastInboundAt: new Date(now.getTime() - 8 * 86400_000) })
    await createViaApi(t, { kind: 'meeting', title: 'Họp giao ban', startsAt: '2026-12-06T08:00:00+07:00', placeCodes: [`${COMMUNE}/thon-5`] })
    await tick(t, '2026-12-02T01:58:00Z') // 08:58: before the early time
    expect(zalo.sends().length).toBe(0)
    await tick(t, '2026-12-02T02:00:00Z') // 09:00, an hour before the window closes
    const sent = zalo.sends()
    expect(sent.length).toBe(1)
    expect((sent[0]!.body.recipient as { user_id: string }).user_id).toBe('z-open')
    expect(JSON.stringify(sent[0]!.body.message)).toContain('Nhắc sớm')
    await tick(t, '2026-12-02T03:00:00Z')
    expect(zalo.sends().length).toBe(1)
    // The other one's reminders come due and are marked not reached, without calling Zalo.
    for (const at of ['2026-12-03T01:00:00Z', '2026-12-05T01:00:00Z', '2026-12-06T00:00:00Z']) await tick(t, at)
    // The early reminder used the window once; the later ones of the open contact were then not reached either.
    expect(zalo.sends().length).toBe(1)
    const closed = await t.db.contact.findFirstOrThrow({ where: { externalId: 'z-closed' } })
    const rows = await t.db.reminderDelivery.findMany({ where: { contactId: closed.id } })
    expect(rows.map((r) => [r.status, r.reason])).toEqual(rows.map(() => ['not_reached', 'zalo_window']))
    expect(zalo.sends().filter((c) => (c.body.recipient as { user_id: string }).user_id === 'z-closed').length).toBe(0)
  })

  it('keeps reminding someone who answers: a tap on a reminder button re-opens the window', async () => {
    await setup()
    const now = new Date('2026-12-01T03:00:00Z')
    await person(t, { channel: 'zalo', id: 'z-tap', role: 'collaborator', place: `${COMMUNE}/thon-5`, lastInboundAt: new Date(now.getTime() - 6 * 86400_000) })
    const { json } = await createViaApi(t, { kind: 'meeting', title: 'Họp giao ban', startsAt: '2026-12-06T08:00:00+07:00', placeCodes: [`${COMMUNE}/thon-5`] })
    await tick(t, '2026-12-02T02:00:00Z')
    expect(zalo.sends().length).toBe(1)
    // A Zalo tap arrives as a user message carrying the button's value.
    t.clock.set('2026-12-02T02:30:00Z')
    await t.dialogue.handle({ channel: 'zalo', userId: 'z-tap', messageId: 'zm-1', at: new Date('2026-12-02T02:30:00Z'), content: { kind: 'text', text: `rem:yes:${json.event.id}` } })
    // The 3-days-before reminder went early; the 1-day and 2-hours ones now go at their own times.
    for (const at of ['2026-12-03T01:00:00Z', '2026-12-05T01:00:00Z', '2026-12-06T00:00:00Z']) await tick(t, at)
    // The three reminders, and the bot's answer to the tap (a turn's reply goes through the outbox like any message).
    expect(zalo.sends().length).toBe(4)
    expect(await t.db.outboxMessage.count({ where: { purpose: 'reminder', status: 'sent' } })).toBe(3)
    const rows = await t.db.reminderDelivery.findMany({ orderBy: { dueAt: 'asc' } })
    expect(rows.map((r) => [r.offset, r.status, r.via])).toEqual([
      ['d3', 'sent', 'early'],
      ['d1', 'sent', 'cs'],
      ['h2', 'sent', 'cs'],
    ])
    const answer = await t.db.reminderAnswer.findFirstOrThrow()
    expect(answer.answer).toBe('yes')
  })

  it('uses the template path outside the window when a template is configured', async () => {
    await setup({ ZALO_REMINDER_TEMPLATE_ID: 'tpl-123' })
    await person(t, { channel: 'zalo', id: 'z-closed', role: 'collaborator', place: `${COMMUNE}/thon-5`, lastInboundAt: new Date('2026-11-20T00:00:00Z') })
    await createViaApi(t, { kind: 'meeting', title: 'Họp giao ban', startsAt: '2026-12-05T08:00:00+07:00', location: 'Nhà văn hóa', placeCodes: [`${COMMUNE}/thon-5`] })
    await tick(t, '2026-12-02T01:00:00Z')
    const templates = zalo.templates()
    expect(templates.length).toBe(1)
    expect(templates[0]!.body).toMatchObject({ user_id: 'z-closed', template_id: 'tpl-123', template_data: { title: 'Họp giao ban', place: 'Nhà văn hóa' } })
    expect(zalo.sends().length).toBe(0)
  })
})
