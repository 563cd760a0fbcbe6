import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { createInvite } from '../../src/roles/invites.ts'

const TOKEN = 'officer-page-token-123'
const ORIGIN = 'http://localhost'

type ChatReply = { text: string; buttons?: { label: string; value: string }[] }

/** The officer console through the real app: sign-in, scope, sessions, and the pages each capability adds. */
describe('officer console', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp({ env: { ADMIN_TOKEN: TOKEN } })
  })
  afterEach(() => t.close())

  const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { origin: ORIGIN, ...headers } })
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!
  async function tokenLogin(): Promise<string> {
    const res = await form('/admin/login', { token: TOKEN })
    expect(res.status).toBe(302)
    return cookieOf(res)
  }
  const get = (path: string, cookie: string) => t.app.request(path, { headers: { cookie } })
  const post = (path: string, fields: Record<string, string>, cookie: string, headers: Record<string, string> = {}) => form(path, fields, { cookie, ...headers })
  const chat = async (conversationId: string, body: object) => ((await (await t.post('/api/chat', { conversationId, ...body })).json()) as { replies: ChatReply[] }).replies

  /** A web-chat contact redeems an invite and is then an officer (or collaborator) of that place. */
  async function officer(conversationId: string, placeCode: string, role: 'officer' | 'collaborator' | 'admin' = 'officer') {
    const invite = await createInvite(t.db, { role, placeCode, createdBy: 'test', now: t.clock.now() })
    const [reply] = await chat(conversationId, { text: `/canbo ${invite.code}` })
    expect(reply!.text).toContain('Xác nhận thành công')
  }
  /** Asks the bot for a sign-in link by chat and opens it: the officer's console cookie. */
  async function signIn(conversationId: string): Promise<string> {
    const [reply] = await chat(conversationId, { text: 'mở trang cán bộ' })
    const url = /http:\/\/\S+\/admin\/signin\/[\w-]+/.exec(reply!.text)?.[0]
    expect(url, reply!.text).toBeDefined()
    const res = await t.app.request(new URL(url!).pathname)
    expect(res.status).toBe(302)
    return cookieOf(res)
  }
  async function handover(conversationId: string, commune: string, question: string) {
    await chat(conversationId, { button: 'contact:handover' })
    await chat(conversationId, { button: `contact:place:${commune}` })
    await chat(conversationId, { text: question })
  }

  it('sends a visitor without a session to the sign-in page, which says how officers get in', async () => {
    const res = await t.app.request('/admin')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/admin/login')
    const login = await (await t.app.request('/admin/login')).text()
    expect(login).toContain('/trang')
    const wrong = await form('/admin/login', { token: 'nope' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Mã không đúng')
  })

  it('makes a session cookie that is HttpOnly and SameSite=Strict, Secure with __Host- behind an https proxy, and never cached', async () => {
    const plain = await form('/admin/login', { token: TOKEN })
    expect(plain.headers.get('set-cookie')).toMatch(/HttpOnly/)
    expect(plain.headers.get('set-cookie')).toMatch(/SameSite=Strict/)
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/)
    const proxied = await form('/admin/login', { token: TOKEN }, { 'x-forwarded-proto': 'https' })
    const cookie = proxied.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^__Host-tlgn_session=/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/Path=\//)
    // Two sign-ins get two different random sessions, not a value derived from the token.
    expect(cookieOf(plain).split('=')[1]).not.toBe(cookie.split(';')[0]!.split('=')[1])
    const page = await get('/admin', cookieOf(plain))
    expect(page.headers.get('cache-control')).toBe('no-store')
  })

  it('ends the session on the server at logout: the old cookie no longer opens anything', async () => {
    const cookie = await tokenLogin()
    expect((await get('/admin/unanswered', cookie)).status).toBe(200)
    const out = await post('/admin/logout', {}, cookie)
    expect(out.status).toBe(302)
    const after = await get('/admin/unanswered', cookie)
    expect(after.status).toBe(302)
    expect(after.headers.get('location')).toBe('/admin/login')
  })

  it('slows down wrong ADMIN_TOKEN guesses: after 5 wrong tries from an address even the right token waits', async () => {
    const from = { 'cf-connecting-ip': '198.51.100.7' }
    for (let i = 0; i < 5; i++) expect((await form('/admin/login', { token: `guess-${i}` }, from)).status).toBe(401)
    const locked = await form('/admin/login', { token: TOKEN }, from)
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBeTruthy()
    expect(await locked.text()).toContain('phút')
    // Another address is not locked out by this one.
    expect((await form('/admin/login', { token: TOKEN }, { 'cf-connecting-ip': '198.51.100.8' })).status).toBe(302)
    // After the window has passed, the right token works again.
    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000))
    expect((await form('/admin/login', { token: TOKEN }, from)).status).toBe(302)
  })

  it('refuses a form posted from another site', async () => {
    const cookie = await tokenLogin()
    const res = await post('/admin/offices/xa-dak-ui', { phone: '1' }, cookie, { origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect((await t.db.communeOffice.findUniqueOrThrow({ where: { placeCode: 'quang-ngai/xa-dak-ui' } })).phone).toBeNull()
  })

  it('signs an officer in with a one-time link from the bot, and the link works once and for 10 minutes', async () => {
    await officer('officer-a', 'quang-ngai/xa-dak-pxi')
    const [reply] = await chat('officer-a', { text: '/trang' })
    const path = new URL(/http:\/\/\S+/.exec(reply!.text)![0]).pathname
    expect((await t.app.request(path)).status).toBe(302)
    const again = await t.app.request(path)
    expect(again.status).toBe(410)
    const page = await again.text()
    expect(page).toContain('đã được dùng')
    expect(page).toContain('/trang')
    // A fresh link, opened too late.
    const [second] = await chat('officer-a', { text: '/trang' })
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 60_000))
    const late = await t.app.request(new URL(/http:\/\/\S+/.exec(second!.text)![0]).pathname)
    expect(late.status).toBe(410)
    expect(await late.text()).toContain('hết hạn')
    // The link is a credential: it is not kept in the conversation.
    const session = await t.db.conversationSession.findFirstOrThrow({ where: { contact: { externalId: t.webId('officer-a') } } })
    expect(session.recent).not.toContain('/admin/signin/')
  })

  it('shows an officer only their own commune: requests, and a guessed id of another commune is refused', async () => {
    await handover('resident-pxi', 'xa-dak-pxi', 'Hỏi về vay vốn ở Đăk Pxi')
    await handover('resident-ui', 'xa-dak-ui', 'Hỏi về nhà ở tại Đăk Ui')
    await officer('officer-pxi', 'quang-ngai/xa-dak-pxi')
    const cookie = await signIn('officer-pxi')
    const list = await (await get('/admin/handovers', cookie)).text()
    expect(list).toContain('vay vốn ở Đăk Pxi')
    expect(list).not.toContain('Đăk Ui')
    const other = await t.db.handoverRequest.findFirstOrThrow({ where: { placeCode: 'quang-ngai/xa-dak-ui' } })
    await post(`/admin/handovers/${other.id}/answer`, { answer: 'trả lời lạc chỗ' }, cookie)
    expect((await t.db.handoverRequest.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('open')
    // By chat too: another commune's request reads as one that does not exist.
    const [byChat] = await chat('officer-pxi', { button: `contact:transcript:${other.id}` })
    expect(byChat!.text).toContain(`Không tìm thấy yêu cầu #${other.id}`)
    // Every view is in the audit log with the officer as actor.
    const rows = await t.db.auditLog.findMany({ where: { action: 'handover.view_list' } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.actorKind).toBe('officer')
    expect(rows[0]!.actorContactId).not.toBeNull()
    expect(rows[0]!.channel).toBe('console')
  })

  it('keeps an officer’s scope when they change their remembered commune as a resident would', async () => {
    await handover('resident-ui-2', 'xa-dak-ui', 'Câu hỏi của người dân Đăk Ui')
    await officer('officer-pxi-2', 'quang-ngai/xa-dak-pxi')
    await chat('officer-pxi-2', { button: 'contact:change' })
    await chat('officer-pxi-2', { button: 'contact:place:xa-dak-ui' })
    const contact = await t.db.contact.findFirstOrThrow({ where: { externalId: t.webId('officer-pxi-2') } })
    expect(contact.placeCode).toBe('quang-ngai/xa-dak-ui')
    const role = await t.db.roleAssignment.findFirstOrThrow({ where: { contactId: contact.id, revokedAt: null } })
    expect(role.placeCode).toBe('quang-ngai/xa-dak-pxi')
    const [open] = await chat('officer-pxi-2', { text: '/yeucau' })
    expect(open!.text).toContain('Không có yêu cầu')
    const cookie = await signIn('officer-pxi-2')
    expect(await (await get('/admin/handovers', cookie)).text()).not.toContain('người dân Đăk Ui')
  })

  it('takes everything away at once when a role is revoked: console session and chat commands', async () => {
    await officer('officer-gone', 'quang-ngai/xa-dak-mar')
    const cookie = await signIn('officer-gone')
    expect((await get('/admin/handovers', cookie)).status).toBe(200)
    const admin = await tokenLogin()
    const role = await t.db.roleAssignment.findFirstOrThrow({ where: { revokedAt: null, placeCode: 'quang-ngai/xa-dak-mar' } })
    expect((await post(`/admin/roles/${role.id}/revoke`, {}, admin)).status).toBe(302)
    expect((await get('/admin/handovers', cookie)).headers.get('location')).toBe('/admin/login')
    const [reply] = await chat('officer-gone', { text: '/yeucau' })
    expect(reply!.text).toContain('dành cho cán bộ')
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'role.revoke' } })
    expect(audit.actorLabel).toBe('admin:token')
  })

  it('answers a resident’s request from the page, and the answer reaches their web chat', async () => {
    await handover('admin-resident-1', 'xa-dak-mar', 'Cho hỏi lịch rà soát hộ nghèo năm nay')
    const cookie = await tokenLogin()
    expect(await (await get('/admin/handovers', cookie)).text()).toContain('lịch rà soát')
    const res = await post('/admin/handovers/1/answer', { answer: 'Rà soát định kỳ từ 1/9 đến 14/12.' }, cookie)
    expect(res.headers.get('location')).toBe('/admin/handovers?done=answered&id=1')
    expect(await (await get(res.headers.get('location')!, cookie)).text()).toContain('Đã gửi câu trả lời cho yêu cầu #1')
    const inbox = (await (await t.get('/api/chat/inbox?conversationId=admin-resident-1')).json()) as { replies: { text: string }[] }
    expect(inbox.replies[0]!.text).toContain('Rà soát định kỳ từ 1/9 đến 14/12.')
  })

  it('shows what the resident tapped by its label, not its code, in the conversation view', async () => {
    await chat('tapper-01', { button: 'menu:start' })
    await chat('tapper-01', { button: 'contact:start' })
    await chat('tapper-01', { button: 'contact:place:xa-dak-ha' })
    await chat('tapper-01', { button: 'contact:handover' })
    await chat('tapper-01', { text: 'Tôi cần hỏi về hỗ trợ tiền điện' })
    const cookie = await tokenLogin()
    const html = await (await get('/admin/handovers', cookie)).text()
    expect(html).not.toMatch(/\[(menu|contact):[a-z:_-]+\]/)
    expect(html).toContain('Liên hệ cán bộ')
    expect(html).toContain('Nhắn cán bộ xã')
  })

  it('shows notices only by key: free text in the URL is not put on the page', async () => {
    const cookie = await tokenLogin()
    const html = await (await get('/admin/unanswered?done=%3Cb%3EChuyển%20tiền%20ngay%3C/b%3E', cookie)).text()
    expect(html).not.toContain('Chuyển tiền ngay')
    expect(await (await get('/admin/unanswered?done=dismissed&id=4', cookie)).text()).toContain('Đã bỏ qua câu hỏi #4')
  })

  it('lists what the bot could not answer, with no topic pre-selected for an unsure guess, and adds one to the training data', async () => {
    await chat('admin-user-1', { text: 'giá cà phê hôm nay bao nhiêu' })
    const question = await t.db.unansweredQuestion.findFirstOrThrow()
    const cookie = await tokenLogin()
    const page = await (await get('/admin/unanswered', cookie)).text()
    expect(page).toContain('giá cà phê')
    if ((question.confidence ?? 0) < 0.5) expect(page).toMatch(/<option value="" selected/)
    const res = await post(`/admin/unanswered/${question.id}`, { action: 'train', intent: 'out_of_scope' }, cookie)
    expect(res.status).toBe(302)
    expect(await t.db.trainingUtterance.findFirstOrThrow()).toMatchObject({ text: question.text, intent: 'out_of_scope', sourceQuestionId: question.id })
    expect((await t.db.unansweredQuestion.findUniqueOrThrow({ where: { id: question.id } })).status).toBe('added')
  })

  it('routes a labelled question to its intent at once, with or without diacritics', async () => {
    await chat('admin-user-2', { text: 'ai trực hôm nay vậy' })
    const question = await t.db.unansweredQuestion.findFirstOrThrow()
    const cookie = await tokenLogin()
    await post(`/admin/unanswered/${question.id}`, { action: 'train', intent: 'contact.officer' }, cookie)
    const [reply] = await chat('admin-user-3', { text: 'Ai truc hom nay vay?' })
    expect(reply!.text).toContain('Bạn ở xã nào')
  })

  it('lets officers fill in their commune office, which residents then see', async () => {
    await officer('officer-ui', 'quang-ngai/xa-dak-ui')
    const cookie = await signIn('officer-ui')
    await post('/admin/offices/xa-dak-ui', { address: 'Thôn 1, xã Đăk Ui', phone: '0260 3800 000', hours: 'Sáng 7h–11h, chiều 13h–17h', note: '' }, cookie)
    // Not another commune's.
    await post('/admin/offices/xa-dak-pxi', { phone: '0000' }, cookie)
    expect((await t.db.communeOffice.findUniqueOrThrow({ where: { placeCode: 'quang-ngai/xa-dak-pxi' } })).phone).toBeNull()
    await chat('admin-resident-2', { button: 'contact:place:xa-dak-ui' })
    const [card] = await chat('admin-resident-2', { button: 'contact:start' })
    expect(card!.text).toContain('0260 3800 000')
    expect(card!.text).toContain('Thôn 1, xã Đăk Ui')
  })

  it('shows the published statistics with their sources', async () => {
    const html = await (await get('/admin/statistics', await tokenLogin())).text()
    expect(html).toContain('huyện Đăk Hà')
    expect(html).toContain('2.692')
    expect(html).toContain('14,87%')
    expect(html).toContain('Báo Kon Tum, 11/04/2022')
  })

  it('issues an invite on the page that works once by chat, and lets the admin cancel another', async () => {
    const cookie = await tokenLogin()
    const made = await post('/admin/invites', { role: 'collaborator', place: 'quang-ngai/xa-ngok-reo' }, cookie)
    const code = /CB-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(await made.text())?.[0]
    expect(code).toBeDefined()
    expect(await t.db.invite.count({ where: { codeHash: { contains: code! } } })).toBe(0)
    const [ok] = await chat('new-ctv-1', { text: `/canbo ${code}` })
    expect(ok!.text).toContain('cộng tác viên của xã Ngọk Réo')
    const second = /CB-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(await (await post('/admin/invites', { role: 'officer', place: 'quang-ngai/xa-dak-ha' }, cookie)).text())![0]
    const invite = await t.db.invite.findFirstOrThrow({ where: { usedAt: null } })
    await post(`/admin/invites/${invite.id}/revoke`, {}, cookie)
    const [refused] = await chat('late-officer', { text: `/canbo ${second}` })
    expect(refused!.text).toContain('không đúng, đã dùng hoặc đã hết hạn')
  })

  it('gives the audit log to admins only, on the page and as JSON with the bearer token', async () => {
    await officer('officer-audit', 'quang-ngai/xa-dak-ha')
    const officerCookie = await signIn('officer-audit')
    expect((await get('/admin/audit', officerCookie)).headers.get('location')).toBe('/admin')
    expect((await t.app.request('/api/admin/audit', { headers: { cookie: officerCookie } })).status).toBe(403)
    expect((await t.app.request('/api/admin/audit')).status).toBe(401)
    expect((await t.app.request('/api/admin/audit', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    const res = await t.app.request('/api/admin/audit', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
    const { entries } = (await res.json()) as { entries: { action: string; actor: string; channel: string }[] }
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['role.grant', 'console.link', 'console.sign_in']))
    expect(entries.every((e) => e.actor && e.channel)).toBe(true)
  })

  it('has no token login when ADMIN_TOKEN is not set, but officers still sign in with links', async () => {
    const off = await buildTestApp()
    try {
      const login = await off.app.request('/admin/login')
      expect(login.status).toBe(200)
      expect(await login.text()).not.toContain('name="token"')
      const res = await off.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: '' }), headers: { origin: ORIGIN } })
      expect(res.status).toBe(404)
    } finally {
      await off.close()
    }
  })
})
