/**
 * Keeps one process within a channel's send rates: a token bucket for the whole bot and one per chat. Telegram's
 * Bot FAQ: about 30 messages a second overall, and in one chat no more than one a second ("short bursts" are fine).
 * The buckets are per process (per isolate on Workers); a 429 from the channel is still handled by the outbox.
 */
export interface Pacer {
  /** Waits until one more message to `chat` is within the rates. */
  take(chat: string): Promise<void>
}

export interface PaceRule {
  perSecond: number
  /**
   * Messages the whole bot may send back to back. Kept small: a bucket that holds a full second's worth lets the
   * first second carry twice the rate (a full bucket plus its refill), which is what earns 429s.
   */
  burst: number
  perChatPerSecond: number
  /** Messages one chat may get back to back before the per-chat rate applies (a reply split in parts). */
  perChatBurst: number
}

export const TELEGRAM_PACE: PaceRule = { perSecond: 30, burst: 1, perChatPerSecond: 1, perChatBurst: 3 }

interface Bucket {
  tokens: number
  at: number
}

export function createPacer(rule: PaceRule, now: () => number = () => performance.now()): Pacer {
  const global: Bucket = { tokens: rule.burst, at: now() }
  const chats = new Map<string, Bucket>()

  function refill(b: Bucket, rate: number, cap: number, t: number) {
    b.tokens = Math.min(cap, b.tokens + ((t - b.at) / 1000) * rate)
    b.at = t
  }

  async function takeNow(chat: string): Promise<void> {
    for (;;) {
      const t = now()
      refill(global, rule.perSecond, rule.burst, t)
      let b = chats.get(chat)
      if (!b) {
        if (chats.size > 10_000) for (const [k, v] of chats) if (t - v.at > 10_000) chats.delete(k)
        chats.set(chat, (b = { tokens: rule.perChatBurst, at: t }))
      }
      refill(b, rule.perChatPerSecond, rule.perChatBurst, t)
      if (global.tokens >= 1 && b.tokens >= 1) {
        global.tokens -= 1
        b.tokens -= 1
        return
      }
      const wait = Math.max(global.tokens >= 1 ? 0 : ((1 - global.tokens) / rule.perSecond) * 1000, b.tokens >= 1 ? 0 : ((1 - b.tokens) / rule.perChatPerSecond) * 1000)
      await new Promise((r) => setTimeout(r, Math.ceil(wait)))
    }
  }

  // Check-and-take is synchronous, so concurrent takers never overdraw a bucket; a waiting chat holds up no other.
  return { take: takeNow }
}
