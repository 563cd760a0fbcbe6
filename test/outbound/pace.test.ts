import { describe, expect, it } from 'vitest'
import { createPacer } from '../../src/outbound/pace.ts'

describe('pacer (Telegram: ~30 messages/s overall, 1/s per chat, short bursts)', () => {
  it('lets a short burst to one chat through, then spaces that chat, while other chats go on', async () => {
    // Rates scaled up 20× so the test takes a fraction of a second.
    const pacer = createPacer({ perSecond: 600, perChatPerSecond: 20, perChatBurst: 3 })
    const started = performance.now()
    const at: Record<string, number[]> = { a: [], b: [] }
    await Promise.all([
      (async () => {
        for (let i = 0; i < 7; i++) {
          await pacer.take('a')
          at.a!.push(performance.now() - started)
        }
      })(),
      (async () => {
        for (let i = 0; i < 3; i++) {
          await pacer.take('b')
          at.b!.push(performance.now() - started)
        }
      })(),
    ])
    // Chat a: three at once, then one per 50 ms: the seventh no sooner than 4 × 50 ms.
    expect(at.a![2]!).toBeLessThan(40)
    expect(at.a![6]!).toBeGreaterThanOrEqual(190)
    // Chat b is not held up by chat a.
    expect(at.b![2]!).toBeLessThan(40)
  })

  it('holds the overall rate across chats', async () => {
    const pacer = createPacer({ perSecond: 100, perChatPerSecond: 100, perChatBurst: 100 })
    const started = performance.now()
    await Promise.all(Array.from({ length: 150 }, (_, i) => pacer.take(`chat${i}`)))
    // 100 from the full bucket, the other 50 at 100/s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(480)
  })
})
