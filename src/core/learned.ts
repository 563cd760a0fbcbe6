import type { Db } from '../db.ts'
import { INTENT_IDS, type IntentId } from '../nlu/types.ts'
import { fold } from '../nlu/normalize.ts'

/** How long a process or isolate trusts its copy of the learned utterances. */
const REFRESH_MS = 5 * 60_000

export interface LearnedUtterances {
  /** The intent an officer assigned to exactly this question (ignoring case, diacritics and punctuation). */
  lookup(text: string, now: Date): Promise<IntentId | undefined>
  /** Forget the cached copy (after an officer added one in this process). */
  invalidate(): void
}

export function utteranceKey(text: string): string {
  return fold(text.toLowerCase()).replace(/[^a-z0-9]+/g, ' ').trim()
}

/**
 * Utterances officers added from the unanswered list take effect at once for that exact question; the bundled
 * classifier learns them in general when the model is next trained (`npm run nlu:train` includes them).
 */
export function createLearnedUtterances(db: Db): LearnedUtterances {
  let cache: Map<string, IntentId> | null = null
  let loadedAt = 0
  let loading: Promise<Map<string, IntentId>> | null = null
  const load = async () => {
    const rows = await db.trainingUtterance.findMany({ select: { text: true, intent: true }, orderBy: { id: 'asc' } })
    const map = new Map<string, IntentId>()
    for (const row of rows) if ((INTENT_IDS as readonly string[]).includes(row.intent)) map.set(utteranceKey(row.text), row.intent as IntentId)
    return map
  }
  return {
    async lookup(text, now) {
      if (!cache || now.getTime() - loadedAt > REFRESH_MS) {
        loading ??= load().finally(() => {
          loading = null
        })
        cache = await loading
        loadedAt = now.getTime()
      }
      return cache.size === 0 ? undefined : cache.get(utteranceKey(text))
    },
    invalidate() {
      cache = null
    },
  }
}
