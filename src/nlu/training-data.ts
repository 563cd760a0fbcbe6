import learned from '../../locales/vi/nlu/learned.json'
import written from '../../locales/vi/nlu/train.json'
import { fold, normalize } from './normalize.ts'
import type { TrainingData } from './train.ts'
import { INTENT_IDS } from './types.ts'

/**
 * The utterances the intent model is trained on: ours (locales/vi/nlu/train.json) plus those officers labelled
 * from unanswered questions, exported to locales/vi/nlu/learned.json as [{ "text", "intent" }]. An officer's
 * label wins over ours for the same message (compared normalised and folded); unknown intents are ignored.
 * Not imported by the runtime NLU: only training, evaluation and tests read it.
 */
export function mergeTrainingData(base: TrainingData, extra: readonly { text: string; intent: string }[]): TrainingData {
  const key = (s: string) => fold(normalize(s))
  const relabelled = new Map<string, string>()
  for (const e of extra) if ((INTENT_IDS as readonly string[]).includes(e.intent) && key(e.text) !== '') relabelled.set(key(e.text), e.intent)
  const out: Record<string, string[]> = {}
  for (const intent of INTENT_IDS) out[intent] = (base[intent] ?? []).filter((u) => !relabelled.has(key(u)))
  const added = new Set<string>()
  for (const e of extra) {
    const k = key(e.text)
    if (relabelled.get(k) !== e.intent || added.has(k)) continue
    added.add(k)
    out[e.intent]?.push(e.text)
  }
  return out
}

export const TRAINING_DATA: TrainingData = mergeTrainingData(written, learned as { text: string; intent: string }[])
