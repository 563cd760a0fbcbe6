import { startStandIn, type RecordedCall, type StandIn } from '../support/standin.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { grantRole } from '../../src/roles/assignments.ts'
import type { Reply } from '../../src/messages.ts'

/**
 * A Telegram Bot API stand-in whose answers a test scripts per call: success, a 500, a 429 with retry_after, or a 403
 * for a user who blocked the bot. `delivered()` lists the sendMessage calls that were answered with success, so a
 * test can count what each person really received.
 */
export interface ScriptedTelegram extends StandIn {
  delivered(): { chat_id: number; text: string; reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } }[]
  attemptsFor(chatId: number): number
  blocked: Set<number>
  /** 0..1: share of sendMessage calls answered 500 or 429 (deterministic, seeded). */
  failRate: number
}

export async function startScriptedTelegram(seed = 7): Promise<ScriptedTelegram> {
  let state = seed
  const random = () => {
    // mulberry32: a small seeded generator, so a failing run can be replayed.
    state = (state + 0x6d2b79f5) | 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const ok = new WeakSet<RecordedCall>()
  const blocked = new Set<number>()
  let messageId = 1
  const self: { failRate: number } = { failRate: 0 }
  const standIn = await startStandIn((call) => {
    const method = call.path.split('/').pop()
    if (method !== 'sendMessage') return { body: { ok: true, result: true } }
    const chatId = Number(call.body.chat_id)
    if (blocked.has(chatId)) return { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } }
    if (random() < self.failRate) {
      return random() < 0.5
        ? { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } }
        : { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } }
    }
    ok.add(call)
    return { body: { ok: true, result: { message_id: ++messageId, date: 0, chat: { id: chatId, type: 'private' }, text: call.body.text } } }
  })
  const sendCalls = () => standIn.calls.filter((c) => c.path.endsWith('/sendMessage'))
  const scripted = Object.assign(standIn, {
    delivered: () => sendCalls().filter((c) => ok.has(c)).map((c) => c.body as never),
    attemptsFor: (chatId: number) => sendCalls().filter((c) => Number(c.body.chat_id) === chatId).length,
    blocked,
  })
  // A live property (Object.assign would copy a getter's value once).
  return Object.defineProperty(scripted, 'failRate', { get: () => self.failRate, set: (v: number) => void (self.failRate = v) }) as unknown as ScriptedTelegram
}

export const COMMUNE = 'quang-ngai/xa-dak-ui'
export const OTHER_COMMUNE = 'quang-ngai/xa-dak-mar'

/** Villages under a commune (the seed has none there; the household import makes them in real use). */
export async function addVillages(t: TestApp, commune: string, names: string[]): Promise<string[]> {
  const codes: string[] = []
  for (const name of names) {
    const code = `${commune}/${name.toLowerCase().replace(/\s+/g, '-').normalize('NFD').replace(/[\u0300-\u036f]/g, '')}`
    await t.db.place.upsert({ where: { code }, create: { code, name, kind: 'village', parentCode: commune, area: 'rural', source: 'test' }, update: {} })
    codes.push(code)
  }
  t.places.invalidate()
  return codes
}

/** A verified person on a channel: a contact with a role, last heard from at `lastInboundAt`. */
export async function person(
  t: TestApp,
  opts: { channel?: 'telegram' | 'zalo'; id: string; role: 'collaborator' | 'officer' | 'admin'; place: string | null; lastInboundAt?: Date; locale?: 'vi' | 'en' },
): Promise<number> {
  const contact = await t.db.contact.create({
    data: { channel: opts.channel ?? 'telegram', externalId: opts.id, locale: opts.locale ?? 'vi', lastInboundAt: opts.lastInboundAt ?? t.clock.now() },
  })
  await grantRole(t.db, { contactId: contact.id, role: opts.role, placeCode: opts.place, grantedBy: 'cli', now: t.clock.now() })
  return contact.id
}

/** Runs the scheduled job (every task, as the cron does) at a given instant. */
export async function tick(t: TestApp, at: string | Date): Promise<void> {
  t.clock.set(at)
  await t.runScheduled(new Date(at))
}

/** One message through the real dialogue, as a Telegram user (text or a tapped button). */
let nextMessage = 1
export async function say(t: TestApp, chatId: string, input: string | { button: string }): Promise<Reply[]> {
  const outcome = await t.dialogue.handle({
    channel: 'telegram',
    userId: chatId,
    messageId: `m${nextMessage++}`,
    at: t.clock.now(),
    content: typeof input === 'string' ? { kind: 'text', text: input } : { kind: 'button', value: input.button },
  })
  if (outcome.duplicate) throw new Error('duplicate')
  return outcome.replies
}

export const ADMIN = 'admin-token-for-tests-0123456789'

export async function reminderApp(opts: { telegram?: string; zalo?: string; env?: Record<string, string>; now?: string } = {}): Promise<TestApp> {
  return buildTestApp({
    ...(opts.telegram ? { telegramApiRoot: opts.telegram } : {}),
    ...(opts.zalo ? { zaloApiRoot: opts.zalo } : {}),
    env: { ADMIN_TOKEN: ADMIN, ...opts.env },
    now: opts.now ?? '2026-12-01T03:00:00Z',
  })
}

export async function createViaApi(t: TestApp, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, any> }> {
  const res = await t.post('/api/admin/events', body, { authorization: `Bearer ${ADMIN}` })
  return { status: res.status, json: (await res.json()) as Record<string, any> }
}
