import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDialogue } from '../../src/dialogue/engine.ts'
import { createCoreFeature } from '../../src/core/conversation.ts'
import type { Feature, Nlu } from '../../src/dialogue/types.ts'
import type { Inbound } from '../../src/messages.ts'
import type { IntentId } from '../../src/nlu/types.ts'
import { fixedClock } from '../../src/clock.ts'
import { createMemoryLogger } from '../../src/logger.ts'
import { createTestDb } from '../support/db.ts'
import { createLimiter } from '../../src/limits.ts'
import type { Db } from '../../src/db.ts'

/** The engine's routing is under test here, so the NLU is a fixed table: a test double for the NLU only. */
const tableNlu = (table: Record<string, IntentId>): Nlu => ({
  understand: (text) => ({ text, intent: table[text] ?? 'out_of_scope', confidence: 0.9, alternatives: [], entities: {} }),
})

/** A two-step flow: asks a number, then echoes it doubled. Declines anything that is not a number. */
const counter: Feature = {
  name: 'counter',
  intents: { 'eligibility.check': () => ({ replies: [{ text: 'Nhập một số' }], session: { flow: 'counter', state: { asked: true }, ttlMs: 60_000 } }) },
  flows: {
    counter: (ctx) => {
      const n = Number(ctx.text)
      if (!Number.isFinite(n) || ctx.text === undefined) return null
      return { replies: [{ text: `Gấp đôi: ${n * 2}` }], session: { clear: true } }
    },
  },
  buttons: { boom: () => { throw new Error('handler exploded at /secret/path') } },
}

describe('dialogue engine', () => {
  let db: Db
  let cleanup: () => Promise<void>
  const clock = fixedClock('2026-11-29T03:00:00Z')
  let logger: ReturnType<typeof createMemoryLogger>
  let seq = 0
  const say = (text: string, userId = 'u1'): Inbound => ({ channel: 'web', userId, messageId: `m${++seq}`, at: clock.now(), content: { kind: 'text', text } })

  beforeEach(async () => {
    ;({ db, cleanup } = await createTestDb())
    logger = createMemoryLogger()
  })
  afterEach(() => cleanup())

  const engine = () =>
    createDialogue({ db, clock, logger, nlu: tableNlu({ 'kiểm tra': 'eligibility.check', 'xin chào': 'greeting' }), limiter: createLimiter(db), features: [createCoreFeature({ db, logger }), counter] })

  const texts = async (d: ReturnType<typeof engine>, inbound: Inbound) => {
    const out = await d.handle(inbound)
    return out.duplicate ? [] : out.replies.map((r) => r.text)
  }

  it('keeps a flow across turns and leaves it when the flow says so', async () => {
    const d = engine()
    expect(await texts(d, say('kiểm tra'))).toEqual(['Nhập một số'])
    expect(await texts(d, say('21'))).toEqual(['Gấp đôi: 42'])
    // The flow is over: a number is now just an unknown message.
    expect((await texts(d, say('21')))[0]).toContain('chưa hiểu')
  })

  it('routes normally when the flow declines a turn, and keeps the flow open', async () => {
    const d = engine()
    await texts(d, say('kiểm tra'))
    expect((await texts(d, say('xin chào')))[0]).toContain('Xin chào')
    expect(await texts(d, say('5'))).toEqual(['Gấp đôi: 10'])
  })

  it('drops a flow left alone past its expiry', async () => {
    const d = engine()
    await texts(d, say('kiểm tra'))
    clock.set('2026-11-29T03:02:00Z')
    expect((await texts(d, say('5')))[0]).toContain('chưa hiểu')
    clock.set('2026-11-29T03:00:00Z')
  })

  it('/start closes an open flow', async () => {
    const d = engine()
    await texts(d, say('kiểm tra'))
    expect((await texts(d, say('/start')))[0]).toContain('Xin chào')
    expect((await texts(d, say('5')))[0]).toContain('chưa hiểu')
  })

  it('answers a failing handler with a polite message, no internals, and logs it as an error', async () => {
    const d = engine()
    const out = await d.handle({ channel: 'web', userId: 'u2', messageId: 'b1', at: clock.now(), content: { kind: 'button', value: 'boom:now' } })
    expect(out.duplicate).toBe(false)
    const text = out.duplicate ? '' : out.replies[0]!.text
    expect(text).toContain('trục trặc')
    expect(text).not.toContain('/secret/path')
    expect(logger.lines.some((l) => l.level === 'error' && l.msg === 'dialogue.handler_failed')).toBe(true)
    expect(await db.processedMessage.findFirst({ where: { messageId: 'b1' } })).toMatchObject({ status: 'done' })
  })

  it('never logs the text of a message', async () => {
    const d = engine()
    await d.handle(say('tên tôi là Nguyễn Văn A, sđt 0905123456'))
    const logged = JSON.stringify(logger.lines)
    expect(logged).not.toContain('0905123456')
    expect(logged).not.toContain('Nguyễn')
  })

  it('answers an unknown button with the help menu', async () => {
    const d = engine()
    const out = await d.handle({ channel: 'web', userId: 'u3', messageId: 'x1', at: clock.now(), content: { kind: 'button', value: 'nope:1' } })
    expect(out.duplicate ? '' : out.replies[0]!.text).toContain('Tôi có thể giúp bạn')
  })
})
