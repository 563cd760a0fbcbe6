import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestApp } from '../support/app.ts'
import { reminderTimes } from '../../src/reminders/time.ts'
import { ADMIN, COMMUNE, addVillages, createViaApi, person, reminderApp, say, startScriptedTelegram, tick, type ScriptedTelegram } from './support.ts'

// 2026-12-01 10:00 in Vietnam. The meeting: Wednesday 9/12 at 08:00 Vietnam time (01:00 UTC).
const MEETING = '2026-12-09T08:00:00+07:00'
const D3 = '2026-12-06T01:00:00Z' // 08:00 on 6/12
const D1 = '2026-12-08T01:00:00Z' // 08:00 on 8/12
const H2 = '2026-12-09T00:00:00Z' // 06:00 is in quiet hours: moved to 07:00 on 9/12

const minus = (iso: string, ms: number) => new Date(new Date(iso).getTime() - ms).toISOString()

describe('reminders: planning and delivery through the outbox', () => {
  let tg: ScriptedTelegram
  let t: TestApp
  let village = ''
  beforeEach(async () => {
    tg = await startScriptedTelegram()
    t = await reminderApp({ telegram: tg.url })
    village = (await addVillages(t, COMMUNE, ["thôn 5"]))[0]!
  })
  afterEach(async () => {
    await t.close()
    await tg.close()
  })

  async function collaborators(n: number, from = 1000): Promise<number[]> {
    const ids: number[] = []
    for (let i = 0; i < n; i++) {
      await person(t, { id: String(from + i), role: 'collaborator', place: village! })
      ids.push(from + i)
    }
    return ids
  }

  it('moves a reminder out of quiet hours to 07:00, keeps one of two that land together, and plans none in the past', () => {
    const now = new Date('2026-12-01T03:00:00Z')
    expect(reminderTimes('meeting', new Date(MEETING), now).map((x) => [x.offset, x.at.toISOString()])).toEqual([
      ['d3', '2026-12-06T01:00:00.000Z'],
      ['d1', '2026-12-08T01:00:00.000Z'],
      ['h2', '2026-12-09T00:00:00.000Z'],
    ])
    // A deadline at 22:00 on 10/12: three days before (22:00 on 7/12) moves to 07:00 on 8/12; the day before at
    // 22:00 moves to 07:00 on 10/12, the same moment as the morning reminder, so only the morning one goes; the
    // 2-hours-before one is at 20:00, still in the day.
    expect(reminderTimes('deadline', new Date('2026-12-10T22:00:00+07:00'), now).map((x) => [x.offset, x.at.toISOString()])).toEqual([
      ['d3', '2026-12-08T00:00:00.000Z'],
      ['morning', '2026-12-10T00:00:00.000Z'],
      ['h2', '2026-12-10T13:00:00.000Z'],
    ])
    // Created the evening before a 07:30 meeting: only the quiet-hours-shifted reminder at 07:00 is left.
    expect(reminderTimes('meeting', new Date('2026-12-02T07:30:00+07:00'), new Date('2026-12-01T15:00:00Z')).map((x) => x.at.toISOString())).toEqual(['2026-12-02T00:00:00.000Z'])
  })

  it('sends each reminder at its exact time and not a minute before, and never at night', async () => {
    await collaborators(3)
    const created = await createViaApi(t, { kind: 'meeting', title: 'Họp giao ban', startsAt: MEETING, location: 'Nhà văn hóa thôn 5', placeCodes: [village] })
    expect(created.status).toBe(201)
    for (const [at, expected] of [
      [D3, 3],
      [D1, 6],
      [H2, 9],
    ] as const) {
      await tick(t, minus(at, 60_000))
      expect(tg.delivered().length).toBe(expected - 3)
      await tick(t, at)
      expect(tg.delivered().length).toBe(expected)
    }
    // Every minute of the night before the meeting: nothing.
    for (let m = 0; m < 60 * 10; m += 37) await tick(t, new Date(new Date('2026-12-08T14:00:00Z').getTime() + m * 60_000))
    expect(tg.delivered().length).toBe(9)
    const texts = tg.delivered().map((d) => d.text)
    expect(texts[0]).toContain('còn 3 ngày')
    expect(texts[0]).toContain('Họp giao ban')
    expect(texts[0]).toContain('08:00 thứ Tư, 9/12/2026')
    expect(texts[8]).toContain('còn 2 giờ')
    const buttons = tg.delivered()[0]!.reply_markup!.inline_keyboard.flat().map((b) => b.text)
    expect(buttons).toEqual(['Tôi sẽ tham dự', 'Không tham dự được'])
  })

  it('renders each reminder when it is sent, in the recipient’s language', async () => {
    await person(t, { id: '2001', role: 'collaborator', place: village, locale: 'en' })
    await person(t, { id: '2002', role: 'collaborator', place: village, locale: 'vi' })
    await createViaApi(t, { kind: 'training', title: 'Tập huấn rà soát', startsAt: MEETING, placeCodes: [village] })
    // The person switches language after the event was planned: the reminder follows the switch.
    await t.db.contact.updateMany({ where: { externalId: '2002' }, data: { locale: 'en' } })
    await t.db.contact.updateMany({ where: { externalId: '2001' }, data: { locale: 'vi' } })
    await tick(t, D3)
    const byChat = new Map(tg.delivered().map((d) => [d.chat_id, d]))
    expect(byChat.get(2002)!.text).toContain('Reminder: in 3 days.')
    expect(byChat.get(2002)!.text).toContain('08:00 Wednesday, 9/12/2026')
    expect(byChat.get(2002)!.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(['I will attend', 'I cannot attend'])
    expect(byChat.get(2001)!.text).toContain('Nhắc lịch: còn 3 ngày nữa.')
  })

  it('sends each reminder once when two dispatch runs overlap', async () => {
    const ids = await collaborators(25)
    await createViaApi(t, { kind: 'training', title: 'Tập huấn rà soát', startsAt: MEETING, placeCodes: [village] })
    t.clock.set(D3)
    await Promise.all([t.runScheduled(new Date(D3)), t.runScheduled(new Date(D3)), t.runScheduled(new Date(D3))])
    await tick(t, D3)
    const per = ids.map((id) => tg.delivered().filter((d) => d.chat_id === id).length)
    expect(per).toEqual(ids.map(() => 1))
    expect(tg.calls.filter((c) => c.path.endsWith('/sendMessage')).length).toBe(25)
  })

  it('delivers every reminder exactly once when 30% of calls fail with 500 or 429', async () => {
    const ids = await collaborators(20)
    await createViaApi(t, { kind: 'meeting', title: 'Họp bình xét', startsAt: MEETING, placeCodes: [village] })
    tg.failRate = 0.3
    // The d3 run, then a minute at a time while the outbox retries with backoff (1, 2, 4, 8, 16 minutes).
    for (let m = 0; m <= 40; m++) await tick(t, new Date(new Date(D3).getTime() + m * 60_000))
    const per = ids.map((id) => tg.delivered().filter((d) => d.chat_id === id).length)
    expect(per).toEqual(ids.map(() => 1))
    expect(tg.calls.filter((c) => c.path.endsWith('/sendMessage')).length).toBeGreaterThan(20)
    const rows = await t.db.reminderDelivery.findMany({ where: { offset: 'd3' } })
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
  })

  it('marks a person who blocked the bot not reached, tries no further reminders, and tells them when they write again', async () => {
    const [blocked, fine] = await collaborators(2)
    tg.blocked.add(blocked!)
    const { json } = await createViaApi(t, { kind: 'meeting', title: 'Họp giao ban', startsAt: MEETING, placeCodes: [village] })
    for (let m = 0; m <= 40; m++) await tick(t, new Date(new Date(D3).getTime() + m * 60_000))
    await tick(t, D1)
    await tick(t, H2)
    // The outbox stops at the first permanent refusal or at its retry limit: never a storm.
    expect(tg.attemptsFor(blocked!)).toBeLessThanOrEqual(6)
    const blockedContact = await t.db.contact.findFirstOrThrow({ where: { externalId: String(blocked) } })
    const blockedRows = await t.db.reminderDelivery.findMany({ where: { contactId: blockedContact.id }, orderBy: { dueAt: 'asc' } })
    expect(blockedRows.map((r) => r.status)).toEqual(['not_reached', 'not_reached', 'not_reached'])
    expect(tg.delivered().filter((d) => d.chat_id === fine).length).toBe(3)
    // The officer sees it.
    const report = await (await t.app.request(`/api/admin/events/${json.event.id}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()
    expect((report as { report: { counts: { notReached: number } } }).report.counts.notReached).toBe(1)
    // They unblock and write; the next run tells them what they missed, once.
    tg.blocked.delete(blocked!)
    t.clock.set('2026-12-09T00:10:00Z')
    await say(t, String(blocked), 'xin chào')
    await tick(t, '2026-12-09T00:11:00Z')
    await tick(t, '2026-12-09T00:12:00Z')
    const told = tg.delivered().filter((d) => d.chat_id === blocked && d.text.includes('đã lỡ'))
    expect(told.length).toBe(1)
    expect(told[0]!.text).toContain('Họp giao ban')
  })

  it('re-plans a moved event and tells those already reminded; a cancelled one stops and says so', async () => {
    const ids = await collaborators(2)
    const { json } = await createViaApi(t, { kind: 'meeting', title: 'Họp giao ban', startsAt: MEETING, placeCodes: [village] })
    await tick(t, D3)
    expect(tg.delivered().length).toBe(2)
    t.clock.set('2026-12-06T02:00:00Z')
    const moved = await t.app.request(`/api/admin/events/${json.event.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ startsAt: '2026-12-11T14:00:00+07:00' }),
    })
    expect(moved.status).toBe(200)
    await tick(t, '2026-12-06T02:01:00Z')
    const notices = tg.delivered().slice(2)
    expect(notices.map((n) => n.chat_id).sort()).toEqual([...ids].sort())
    expect(notices[0]!.text).toContain('Lịch đã thay đổi')
    expect(notices[0]!.text).toContain('14:00 thứ Sáu, 11/12/2026')
    // The old 1-day-before time passes with nothing; the new one comes.
    await tick(t, D1)
    expect(tg.delivered().length).toBe(4)
    await tick(t, '2026-12-08T07:00:00Z') // 14:00 on 8/12: three days before the new time
    expect(tg.delivered().length).toBe(6)
    expect(tg.delivered()[5]!.text).toContain('11/12/2026')

    // (A request without a content type counts as a form post for the API's csrf check, so a tool says JSON.)
    const cancel = await t.app.request(`/api/admin/events/${json.event.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } })
    expect(cancel.status).toBe(200)
    await tick(t, '2026-12-08T07:05:00Z')
    const cancelled = tg.delivered().slice(6)
    expect(cancelled.length).toBe(2)
    expect(cancelled[0]!.text).toContain('Đã huỷ')
    for (const at of ['2026-12-10T07:00:00Z', '2026-12-11T05:00:00Z']) await tick(t, at)
    expect(tg.delivered().length).toBe(8)
    const pending = await t.db.reminderDelivery.count({ where: { status: 'planned' } })
    expect(pending).toBe(0)
  })

  it('stops a deadline’s reminders for whoever answers "Đã xong", and sends the officer one summary the morning after', async () => {
    const [done, late] = await collaborators(2)
    const [other] = await addVillages(t, COMMUNE, ['thôn 6'])
    await person(t, { id: '3000', role: 'collaborator', place: other! })
    await person(t, { id: '4000', role: 'officer', place: COMMUNE })
    const { json } = await createViaApi(t, { kind: 'deadline', title: 'Nộp phiếu rà soát', startsAt: '2026-12-14T17:00:00+07:00', audience: 'collaborators' })
    await tick(t, '2026-12-11T10:00:00Z') // 17:00 on 11/12: three days before
    expect(tg.delivered().length).toBe(3)
    const buttons = tg.delivered()[0]!.reply_markup!.inline_keyboard.flat().map((b) => b.text)
    expect(buttons).toEqual(['Đã xong', 'Cần hỗ trợ'])
    const replies = await say(t, String(done), { button: `rem:done:${json.event.id}` })
    expect(replies[0]!.text).toContain('không nhắc hạn này nữa')
    for (const at of ['2026-12-13T10:00:00Z', '2026-12-14T00:00:00Z', '2026-12-14T08:00:00Z']) await tick(t, at)
    expect(tg.delivered().filter((d) => d.chat_id === done).length).toBe(1)
    expect(tg.delivered().filter((d) => d.chat_id === late).length).toBe(4)
    // The morning after: one summary for the officer, naming the village not done.
    await tick(t, '2026-12-15T00:00:00Z')
    await tick(t, '2026-12-15T00:01:00Z')
    const summaries = tg.delivered().filter((d) => d.chat_id === 4000)
    expect(summaries.length).toBe(1)
    expect(summaries[0]!.text).toContain('Đã qua hạn')
    expect(summaries[0]!.text).toMatch(/Quá hạn, chưa xong: thôn 6/)
    // "Thôn 5" counts as done: one of its collaborators finished.
    expect(summaries[0]!.text).toContain('Đã xong: thôn 5')
  })

  it('hands "Cần hỗ trợ" to the commune officers as a hand-over request', async () => {
    const [collab] = await collaborators(1)
    await person(t, { id: '4000', role: 'officer', place: COMMUNE })
    const { json } = await createViaApi(t, { kind: 'deadline', title: 'Nộp phiếu rà soát', startsAt: '2026-12-14T17:00:00+07:00', audience: 'collaborators' })
    await tick(t, '2026-12-11T10:00:00Z')
    const replies = await say(t, String(collab), { button: `rem:help:${json.event.id}` })
    expect(replies[0]!.text).toContain('Đã báo cán bộ xã')
    const request = await t.db.handoverRequest.findFirstOrThrow()
    expect(request.placeCode).toBe(village)
    expect(request.question).toContain('Nộp phiếu rà soát')
    await t.drain()
    const notice = tg.delivered().find((d) => d.chat_id === 4000)
    expect(notice?.text).toContain(`#${request.id}`)
  })
})
