import { describe, expect, it } from 'vitest'
import { createPacer } from '../../src/outbound/pace.ts'

describe('pacer (Telegram: ~30 messages/s overall, 1/s per chat, short bursts)', () => {
  it('lets a short burst to one chat through, then spaces that chat, while other chats go on', async () => {
    // Rates scaled up 20× so the test takes a fraction of a second.
    const pacer = createPacer({ perSecond: 600, burst: 10, perChatPerSecond: 20, perChatBurst: 3 })
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

  it('holds the overall rate across chats, from the first second on (no full second banked up front)', async () => {
    // Telegram's rule scaled 10×: 300/s overall with a burst of one.
    const pacer = createPacer({ perSecond: 300, burst: 1, perChatPerSecond: 300, perChatBurst: 300 })
    const started = performance.now()
    const at: number[] = []
    await Promise.all(Array.from({ length: 150 }, (_, i) => pacer.take(`chat${i}`).then(() => at.push(performance.now() - started))))
    // 150 at 300/s take about half a second; a bucket holding a second's worth would let all 150 through at once.
    expect(performance.now() - started).toBeGreaterThanOrEqual(450)
    // In the first 100 ms (scaled: Telegram's first second) no more than the rate's share plus the burst.
    expect(at.filter((ms) => ms < 100).length).toBeLessThanOrEqual(32)
  })
})
