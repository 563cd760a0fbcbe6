import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'

const TOKEN = 'officer-page-token-123'

describe('officer page', () => {
  let t: TestApp
  let cookie = ''
  beforeEach(async () => {
    t = await buildTestApp({ env: { ADMIN_TOKEN: TOKEN } })
    const res = await t.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: TOKEN }) })
    expect(res.status).toBe(302)
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  })
  afterEach(() => t.close())

  const get = (path: string) => t.app.request(path, { headers: { cookie } })
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.request(path, { method: 'POST', body: new URLSearchParams(form), headers: { cookie, ...headers } })
  const chat = async (conversationId: string, body: object) =>
    (await (await t.post('/api/chat', { conversationId, ...body })).json()) as { replies: { text: string }[] }

  it('sends a visitor without the cookie to the sign-in form, and refuses a wrong token', async () => {
    const res = await t.app.request('/admin')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/admin/login')
    const wrong = await t.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: 'nope' }) })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Mã không đúng')
  })

  it('shows the published statistics with their sources', async () => {
    const html = await (await get('/admin')).text()
    expect(html).toContain('huyện Đăk Hà')
    expect(html).toContain('2.692')
    expect(html).toContain('14,87%')
    expect(html).toContain('Báo Kon Tum, 11/04/2022')
  })

  it('lists what the bot could not answer and adds one to the training data', async () => {
    await chat('admin-user-1', { text: 'giá cà phê hôm nay bao nhiêu' })
    const question = await t.db.unansweredQuestion.findFirstOrThrow()
    expect(await (await get('/admin/unanswered')).text()).toContain('giá cà phê')
    const res = await post(`/admin/unanswered/${question.id}`, { action: 'train', intent: 'out_of_scope' })
    expect(res.status).toBe(302)
    expect(await t.db.trainingUtterance.findFirstOrThrow()).toMatchObject({ text: question.text, intent: 'out_of_scope', sourceQuestionId: question.id })
    expect((await t.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question.id } })).status).toBe('added')
  })

  it('routes a labelled question to its intent at once, with or without diacritics', async () => {
    await chat('admin-user-2', { text: 'ai trực hôm nay vậy' })
    const question = await t.db.unansweredQuestion.findFirstOrThrow()
    await post(`/admin/unanswered/${question.id}`, { action: 'train', intent: 'contact.officer' })
    const [reply] = (await chat('admin-user-3', { text: 'Ai truc hom nay vay?' })).replies
    expect(reply!.text).toContain('Bạn ở xã nào')
  })

  it('answers a resident’s request from the page, and the answer reaches their web chat', async () => {
    await chat('admin-resident-1', { button: 'contact:handover' })
    await chat('admin-resident-1', { button: 'contact:place:xa-dak-mar' })
    await chat('admin-resident-1', { text: 'Cho hỏi lịch rà soát hộ nghèo năm nay' })
    expect(await (await get('/admin/handovers')).text()).toContain('lịch rà soát')
    await post('/admin/handovers/1/answer', { answer: 'Rà soát định kỳ từ 1/9 đến 14/12.' })
    const inbox = (await (await t.app.request('/api/chat/inbox?conversationId=admin-resident-1')).json()) as { replies: { text: string }[] }
    expect(inbox.replies[0]!.text).toContain('Rà soát định kỳ từ 1/9 đến 14/12.')
    expect(await t.db.auditLog.count({ where: { action: 'admin.view_handovers' } })).toBe(1)
  })

  it('lets officers fill in the commune office, which residents then see', async () => {
    await post('/admin/offices/xa-dak-ui', { address: 'Thôn 1, xã Đăk Ui', phone: '0260 3800 000', hours: 'Sáng 7h–11h, chiều 13h–17h', note: '' })
    await chat('admin-resident-2', { button: 'contact:place:xa-dak-ui' })
    const [card] = (await chat('admin-resident-2', { button: 'contact:start' })).replies
    expect(card!.text).toContain('0260 3800 000')
    expect(card!.text).toContain('Thôn 1, xã Đăk Ui')
  })

  it('refuses a form posted from another site', async () => {
    const res = await post('/admin/offices/xa-dak-ui', { phone: '1' }, { origin: 'https://evil.example' })
    expect(res.status).toBe(403)
  })

  it('is off when no ADMIN_TOKEN is set', async () => {
    const off = await buildTestApp()
    try {
      const res = await off.app.request('/admin')
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('ADMIN_TOKEN')
    } finally {
      await off.close()
    }
  })
})
