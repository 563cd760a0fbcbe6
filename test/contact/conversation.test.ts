import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, ZALO, type TestApp } from '../support/app.ts'
import { callbackUpdate, startTelegramStandIn, textUpdate } from '../support/telegram-standin.ts'
import { startZaloStandIn, type ZaloStandIn } from '../support/zalo-standin.ts'
import { zaloSignature } from '../../src/channels/zalo/signature.ts'
import { createInvite } from '../../src/roles/invites.ts'

type TelegramStandIn = Awaited<ReturnType<typeof startTelegramStandIn>>

let msg = 0
async function zaloText(t: TestApp, userId: string, text: string) {
  const event = { app_id: ZALO.appId, event_name: 'user_send_text', timestamp: String(t.clock.now().getTime()), sender: { id: userId }, recipient: { id: 'oa' }, message: { msg_id: `z${++msg}`, text } }
  const raw = JSON.stringify(event)
  const signature = await zaloSignature(ZALO.appId, new TextEncoder().encode(raw), event.timestamp, ZALO.oaSecretKey)
  const res = await t.post('/webhooks/zalo', raw, { 'X-ZEvent-Signature': signature })
  await t.drain()
  return res
}

const zaloTexts = (zalo: ZaloStandIn) => zalo.sends().map((c) => (c.body.message as { text: string }).text)

describe('contact and hand-over across channels', () => {
  let t: TestApp
  let telegram: TelegramStandIn
  let zalo: ZaloStandIn
  const tg = (update: unknown) => t.post('/webhooks/telegram', update, { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })
  const tgTexts = () => telegram.sends().map((s) => s.text)

  beforeEach(async () => {
    telegram = await startTelegramStandIn()
    zalo = await startZaloStandIn({ validTokens: [ZALO.accessToken], validRefreshToken: ZALO.refreshToken, appSecret: ZALO.appSecret })
    t = await buildTestApp({ telegramApiRoot: telegram.url, zaloApiRoot: zalo.url })
  })
  afterEach(async () => {
    await t.close()
    await telegram.close()
    await zalo.close()
  })

  async function verifiedOfficer(chatId: number, place = 'quang-ngai/xa-dak-pxi') {
    const invite = await createInvite(t.db, { role: 'officer', placeCode: place, createdBy: 'test', now: t.clock.now() })
    // Typed in lower case with spaces: read the same.
    await tg(textUpdate(chatId, `/canbo ${invite.code.toLowerCase().replace(/-/g, ' ')}`))
    expect(tgTexts().at(-1)).toContain('Xác nhận thành công')
    return invite.code
  }

  it('asks the commune once, remembers it, and shows the office with what is not known yet said plainly', async () => {
    await zaloText(t, 'resident-1', 'cho tôi số điện thoại cán bộ xã')
    expect(zaloTexts(zalo).at(-1)).toContain('Bạn ở xã nào')
    await zaloText(t, 'resident-1', 'Đăk Psi')
    const card = zaloTexts(zalo).at(-1)!
    expect(card).toContain('UBND xã Đăk Pxi')
    expect(card).toContain('chưa cập nhật')
    const contact = await t.db.contact.findFirstOrThrow({ where: { externalId: 'resident-1' } })
    expect(contact.placeCode).toBe('quang-ngai/xa-dak-pxi')
    await zaloText(t, 'resident-1', 'liên hệ cán bộ xã')
    expect(zaloTexts(zalo).at(-1)).toContain('UBND xã Đăk Pxi')
    expect(zaloTexts(zalo).filter((x) => x.includes('Bạn ở xã nào'))).toHaveLength(1)
  })

  it('maps an old commune to the new one it was merged into', async () => {
    await zaloText(t, 'resident-2', 'liên hệ cán bộ')
    await zaloText(t, 'resident-2', 'xã Hà Mòn')
    expect(zaloTexts(zalo).at(-1)).toContain('UBND xã Đăk Hà')
  })

  it('hands a resident question (Zalo) to the officer of that commune (Telegram) and brings the answer back to Zalo', async () => {
    await verifiedOfficer(5001)
    await zaloText(t, 'resident-3', 'hộ nghèo được vay vốn bao nhiêu')
    await zaloText(t, 'resident-3', 'contact:handover')
    await zaloText(t, 'resident-3', 'Đăk Pxi')
    expect(zaloTexts(zalo).at(-1)).toContain('Bạn muốn hỏi cán bộ')
    await zaloText(t, 'resident-3', 'Nhà tôi bị sập mái, xin hỗ trợ sửa nhà thế nào?')
    expect(zaloTexts(zalo).at(-1)).toMatch(/Đã chuyển câu hỏi.*#1/)
    expect(zaloTexts(zalo).at(-1)).toContain('2 ngày làm việc')

    const notice = telegram.sends().at(-1)!
    expect(notice.chat_id).toBe(5001)
    expect(notice.text).toContain('Yêu cầu #1')
    expect(notice.text).toContain('sập mái')
    const request = await t.db.handoverRequest.findUniqueOrThrow({ where: { id: 1 } })
    expect(JSON.parse(request.transcript).some((turn: { text: string }) => turn.text.includes('vay vốn'))).toBe(true)

    await tg(callbackUpdate(5001, 'contact:transcript:1'))
    expect(tgTexts().at(-1)).toContain('vay vốn')
    await tg(callbackUpdate(5001, 'contact:answer:1'))
    expect(tgTexts().at(-1)).toContain('Nhập câu trả lời')
    await tg(textUpdate(5001, 'Chiều mai anh/chị mang sổ hộ nghèo lên UBND xã gặp cán bộ chính sách nhé.'))
    expect(tgTexts().at(-1)).toContain('Đã gửi câu trả lời')

    const answer = zaloTexts(zalo).at(-1)!
    expect(answer).toContain('UBND xã Đăk Pxi trả lời câu hỏi #1')
    expect(answer).toContain('mang sổ hộ nghèo')
    expect(zalo.sends().at(-1)!.body).toMatchObject({ recipient: { user_id: 'resident-3' } })
    expect(await t.db.handoverRequest.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'answered' })
    const audit = await t.db.auditLog.findMany({ where: { subject: 'handover:1' } })
    expect(audit.map((a) => a.action).sort()).toEqual(['handover.answer', 'handover.view_transcript'])
  })

  it('does not show a request to an officer of another commune, nor to an unverified user', async () => {
    await verifiedOfficer(5002, 'quang-ngai/xa-dak-mar')
    await zaloText(t, 'resident-4', 'liên hệ cán bộ')
    await zaloText(t, 'resident-4', 'Ngọk Réo')
    await zaloText(t, 'resident-4', 'contact:handover')
    await zaloText(t, 'resident-4', 'Xin hỏi về học phí cho con')
    expect(zaloTexts(zalo).at(-1)).toContain('chưa có cán bộ')
    expect(telegram.sends().filter((s) => s.text.includes('Yêu cầu #'))).toHaveLength(0)
    // Another commune's request reads as one that does not exist.
    await tg(callbackUpdate(5002, 'contact:transcript:1'))
    expect(tgTexts().at(-1)).toContain('Không tìm thấy yêu cầu #1')
    await tg(callbackUpdate(5002, 'contact:transcript:999'))
    expect(tgTexts().at(-1)).toContain('Không tìm thấy yêu cầu #999')
    await tg(callbackUpdate(6000, 'contact:answer:1'))
    expect(tgTexts().at(-1)).toContain('dành cho cán bộ, cộng tác viên đã được xác nhận')
  })

  it('refuses a wrong or reused invite code', async () => {
    const code = await verifiedOfficer(5003)
    await tg(textUpdate(5004, `/canbo ${code}`))
    expect(tgTexts().at(-1)).toContain('không đúng, đã dùng hoặc đã hết hạn')
    await tg(textUpdate(5004, '/canbo NOPE'))
    expect(tgTexts().at(-1)).toContain('không đúng, đã dùng hoặc đã hết hạn')
    const contact = await t.db.contact.findFirstOrThrow({ where: { externalId: '5004' } })
    expect(await t.db.roleAssignment.count({ where: { contactId: contact.id } })).toBe(0)
  })

  it('delivers an answer to a web chat resident through the inbox the page polls', async () => {
    await verifiedOfficer(5005, 'quang-ngai/xa-dak-ui')
    const chat = (body: object) => t.post('/api/chat', { conversationId: 'web-resident-1', ...body })
    await chat({ button: 'contact:handover' })
    await chat({ button: 'contact:place:xa-dak-ui' })
    await chat({ text: 'Tôi muốn hỏi về tiền điện' })
    await tg(callbackUpdate(5005, 'contact:answer:1'))
    await tg(textUpdate(5005, 'Bạn lên xã nhận tiền điện quý này nhé.'))
    const inbox = (await (await t.get('/api/chat/inbox?conversationId=web-resident-1')).json()) as { replies: { text: string }[] }
    expect(inbox.replies[0]!.text).toContain('nhận tiền điện')
    const again = (await (await t.get('/api/chat/inbox?conversationId=web-resident-1')).json()) as { replies: unknown[] }
    expect(again.replies).toEqual([])
  })

  it('keeps an answer when the channel is down and delivers it on the next dispatch', async () => {
    await verifiedOfficer(5006)
    await zaloText(t, 'resident-5', 'contact:handover')
    await zaloText(t, 'resident-5', 'Đăk Pxi')
    await zaloText(t, 'resident-5', 'Cho hỏi thủ tục thoát nghèo')
    zalo.validTokens.clear() // every call now fails with -216 and the refresh token is spent after one refresh
    zalo.scripted.push({ error: -32, message: 'limit' })
    await tg(callbackUpdate(5006, 'contact:answer:1'))
    await tg(textUpdate(5006, 'Bạn làm Mẫu số 04 nộp UBND xã.'))
    const queued = await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: 'handover-answer:1' } })
    expect(queued.status).toBe('pending')
    zalo.validTokens.add('access-1')
    zalo.scripted.length = 0
    const later = new Date(t.clock.now().getTime() + 10 * 60_000)
    const result = await t.outbound.dispatch(later)
    expect(result.sent).toBe(1)
    expect(zaloTexts(zalo).at(-1)).toContain('Mẫu số 04')
  })
})
