import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TG_SECRET, ZALO, type TestApp } from '../support/app.ts'
import { startTelegramStandIn } from '../support/telegram-standin.ts'
import { startZaloStandIn } from '../support/zalo-standin.ts'
import { zaloSignature } from '../../src/channels/zalo/signature.ts'

/**
 * Whatever arrives at the three inbound routes — from anyone, or authenticated but malformed — the answer is never
 * a 5xx: bad input is the sender's problem (400/401/413) or acknowledged and ignored (200). Runs are bounded so the
 * suite stays fast; a failure prints the counterexample to turn into a regression case below.
 */
const RUNS = 120
/** The test clock's time (buildTestApp's default) as Zalo stamps events; older or later ones are replays (400). */
const NOW_MS = String(Date.parse('2026-11-29T03:00:00Z'))

/** JSON values of every kind, nested a little: what a confused or hostile client sends. */
const anyJson = fc.jsonValue({ maxDepth: 4 })
const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined))
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.oneof(arb, scalar, anyJson)

/** A well-formed private message or button tap, with random text and ids. */
const validUpdate = fc
  .record({
    updateId: fc.integer({ min: 0, max: 2 ** 31 }),
    chatId: fc.integer({ min: 1, max: 1e10 }),
    text: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('/start', 'xin chào', 'hộ nghèo là gì', 'elig:start')),
    button: fc.option(fc.oneof(fc.constantFrom('menu:start', 'elig:start', 'elig:area:rural', 'elig:members:999', 'policy:menu'), fc.string({ maxLength: 64 }))),
  })
  .map(({ updateId, chatId, text, button }) => {
    const chat = { id: chatId, type: 'private', first_name: 'An' }
    const from = { id: chatId, is_bot: false, first_name: 'An' }
    const message = { message_id: updateId, date: 1764385200, chat, from, text }
    return button === null
      ? { update_id: updateId, message }
      : { update_id: updateId, callback_query: { id: `cb${updateId}`, from, chat_instance: 'ci', message, data: button } }
  })

/** Paths into an update that grammY and our handlers read; one of them gets a value of the wrong kind. */
const PATHS = [
  ['message'], ['message', 'chat'], ['message', 'chat', 'id'], ['message', 'chat', 'type'], ['message', 'date'], ['message', 'text'],
  ['message', 'from'], ['message', 'from', 'id'], ['message', 'message_id'], ['message', 'entities'], ['message', 'sticker'],
  ['callback_query'], ['callback_query', 'data'], ['callback_query', 'from'], ['callback_query', 'message'],
  ['callback_query', 'message', 'chat'], ['callback_query', 'id'], ['edited_message'], ['my_chat_member'], ['update_id'],
]

function setPath(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(target)
  let at: Record<string, unknown> = copy
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {}
    at = at[key] as Record<string, unknown>
  }
  at[path.at(-1)!] = value
  return copy
}

const wrongValue = fc.oneof(scalar, anyJson, fc.constant([]), fc.constant({}), fc.constant('abc'), fc.constant(-1), fc.constant(1e300))
const telegramUpdate = fc.oneof(
  validUpdate,
  fc.tuple(validUpdate, fc.constantFrom(...PATHS), wrongValue).map(([u, path, value]) => setPath(u, path, value)),
)

const zaloEvent = fc.record(
  {
    app_id: fc.oneof(fc.constant(ZALO.appId), fc.string({ maxLength: 70 })),
    event_name: fc.oneof(fc.constantFrom('user_send_text', 'user_send_image', 'follow', 'unfollow', 'user_send_sticker', 'oa_send_text'), fc.string()),
    timestamp: fc.oneof(fc.constant(NOW_MS), fc.string({ maxLength: 70 }), fc.integer().map(String), fc.constantFrom('99999999999999999999', '-5', '0', '1e30', '8640000000000001')),
    sender: maybe(fc.record({ id: maybe(fc.string({ minLength: 1, maxLength: 70 })) }, { requiredKeys: [] })),
    recipient: maybe(fc.record({ id: maybe(fc.string({ minLength: 1, maxLength: 20 })) }, { requiredKeys: [] })),
    follower: maybe(fc.record({ id: maybe(fc.string({ minLength: 1, maxLength: 20 })) }, { requiredKeys: [] })),
    message: maybe(
      fc.record({ msg_id: maybe(fc.string({ minLength: 1, maxLength: 70 })), text: maybe(fc.string({ maxLength: 200 })), attachments: maybe(fc.array(anyJson, { maxLength: 2 })) }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: ['app_id', 'event_name', 'timestamp'] },
)

const validChat = fc.record({
  // Mostly none (the server starts a conversation); otherwise an id it never issued (refused with 400).
  conversationId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), { nil: undefined, freq: 3 }),
  say: fc.oneof(
    fc.string({ maxLength: 300 }).map((text) => ({ text })),
    fc.oneof(fc.constantFrom('menu:start', 'elig:start', 'elig:area:rural', 'policy:menu', 'contact:start', 'elig:members:999'), fc.string({ maxLength: 100 })).map((button) => ({ button })),
  ),
  messageId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/), { nil: undefined }),
  locale: fc.option(fc.constantFrom('vi', 'en', 'fr'), { nil: undefined }),
}).map(({ say, ...rest }) => ({ ...rest, ...say }))
const chatBody = fc.oneof(
  validChat,
  fc.tuple(validChat, fc.constantFrom('conversationId', 'text', 'button', 'messageId', 'locale'), wrongValue).map(([b, key, value]) => ({ ...b, [key]: value })),
)

/** Raw bodies: not JSON, truncated JSON, odd encodings. */
const rawBody = fc.oneof(fc.string({ maxLength: 200 }), anyJson.map((v) => JSON.stringify(v) ?? ''), fc.uint8Array({ maxLength: 100 }).map((b) => new TextDecoder().decode(b)))

/** The app with stand-ins for both channels, started before a describe block's tests and closed after them. */
function appWithStandIns() {
  const ctx = {} as { t: TestApp; telegram: Awaited<ReturnType<typeof startTelegramStandIn>>; zalo: Awaited<ReturnType<typeof startZaloStandIn>> }
  beforeAll(async () => {
    ctx.telegram = await startTelegramStandIn()
    ctx.zalo = await startZaloStandIn({ validTokens: [ZALO.accessToken], validRefreshToken: ZALO.refreshToken, appSecret: ZALO.appSecret })
    ctx.t = await buildTestApp({ telegramApiRoot: ctx.telegram.url, zaloApiRoot: ctx.zalo.url })
  })
  afterAll(async () => {
    await ctx.t.close()
    await ctx.telegram.close()
    await ctx.zalo.close()
  })
  return ctx
}

describe('fuzzing the inbound routes: never a 5xx', () => {
  const ctx = appWithStandIns()
  const statuses = new Map<string, Set<number>>()
  const seen = (route: string, status: number) => {
    if (!statuses.has(route)) statuses.set(route, new Set())
    statuses.get(route)!.add(status)
    return status
  }


  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await ctx.t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
    await res.arrayBuffer()
    await ctx.t.drain()
    return seen(path, res.status)
  }

  it('POST /webhooks/telegram with the secret and a malformed update', async () => {
    await fc.assert(
      fc.asyncProperty(telegramUpdate, async (update) => {
        expect(await post('/webhooks/telegram', JSON.stringify(update), { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })).toBeLessThan(500)
      }),
      { numRuns: RUNS },
    )
  })

  it('POST /webhooks/telegram with anything at all, with or without the secret', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, fc.oneof(fc.constant(TG_SECRET), fc.string({ maxLength: 30 })), async (body, secret) => {
        expect(await post('/webhooks/telegram', body, { 'X-Telegram-Bot-Api-Secret-Token': secret })).toBeLessThan(500)
      }),
      { numRuns: RUNS },
    )
  })

  it('POST /webhooks/zalo correctly signed, with a malformed event', async () => {
    await fc.assert(
      fc.asyncProperty(zaloEvent, async (event) => {
        const raw = JSON.stringify(event)
        const headers: Record<string, string> = {}
        if (typeof event.app_id === 'string' && typeof event.timestamp === 'string') {
          headers['X-ZEvent-Signature'] = await zaloSignature(event.app_id, new TextEncoder().encode(raw), event.timestamp, ZALO.oaSecretKey)
        }
        expect(await post('/webhooks/zalo', raw, headers)).toBeLessThan(500)
      }),
      { numRuns: RUNS },
    )
  })

  it('POST /webhooks/zalo with anything at all', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, fc.string({ maxLength: 80 }), async (body, signature) => {
        expect(await post('/webhooks/zalo', body, { 'X-ZEvent-Signature': signature })).toBeLessThan(500)
      }),
      { numRuns: RUNS },
    )
  })

  it('POST /api/chat with any body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(chatBody.map((b) => JSON.stringify(b)), rawBody), async (body) => {
        expect(await post('/api/chat', body)).toBeLessThan(500)
      }),
      { numRuns: RUNS },
    )
  })

  it('left no failure in the logs: what was accepted was processed', () => {
    const failures = ctx.t.logger.lines.filter((l) => l.level === 'error').map((l) => `${String(l.msg)} ${JSON.stringify(l.err ?? '')}`.slice(0, 300))
    expect(failures).toEqual([])
  })

  it('saw both accepted and refused requests on every route (the generators reach the handlers)', () => {
    for (const route of ['/webhooks/telegram', '/webhooks/zalo', '/api/chat']) {
      const s = [...(statuses.get(route) ?? [])]
      expect(s.some((x) => x === 200), `${route}: ${s.join(',')}`).toBe(true)
      expect(s.some((x) => x >= 400), `${route}: ${s.join(',')}`).toBe(true)
    }
  })
})

describe('malformed but authenticated requests found by fuzzing and in issue 9', () => {
  const ctx = appWithStandIns()

  const base = { update_id: 4_200_001, message: { message_id: 1, date: 1764385200, chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'An' }, text: 'xin chào' } }
  it.each([
    ['message is not an object', { update_id: 4_200_002, message: [] }],
    ['message is a string', { update_id: 4_200_003, message: 'hi' }],
    ['chat is null', { ...base, update_id: 4_200_004, message: { ...base.message, chat: null } }],
    ['date is a string', { ...base, update_id: 4_200_005, message: { ...base.message, date: 'yesterday' } }],
    ['text is a number', { ...base, update_id: 4_200_006, message: { ...base.message, text: 5 } }],
    ['chat id is a string', { ...base, update_id: 4_200_007, message: { ...base.message, chat: { id: '77', type: 'private' } } }],
    ['a button tap without from', { update_id: 4_200_008, callback_query: { id: 'cb', data: 'menu:start', message: base.message } }],
    ['another kind of update that is not an object', { update_id: 4_200_009, my_chat_member: 5 }],
  ])('Telegram: %s → 400, nothing sent', async (_what, update) => {
    const before = ctx.telegram.calls.length
    const res = await ctx.t.post('/webhooks/telegram', update, { 'X-Telegram-Bot-Api-Secret-Token': TG_SECRET })
    expect(res.status).toBe(400)
    expect(ctx.telegram.calls.length).toBe(before)
  })

  it.each(['99999999999999999999', '-5', '1e30', 'soon'])('Zalo: a signed text event with timestamp %j is refused with 400', async (timestamp) => {
    const event = { app_id: ZALO.appId, event_name: 'user_send_text', timestamp, sender: { id: '2512523625412515' }, recipient: { id: '1' }, message: { msg_id: `ts-${timestamp}`, text: 'xin chào' } }
    const raw = JSON.stringify(event)
    const signature = await zaloSignature(event.app_id, new TextEncoder().encode(raw), timestamp, ZALO.oaSecretKey)
    const res = await ctx.t.post('/webhooks/zalo', raw, { 'X-ZEvent-Signature': signature })
    await ctx.t.drain()
    expect(res.status).toBe(400)
    expect(ctx.t.logger.lines.filter((l) => l.level === 'error')).toEqual([])
  })
})
