import learned from '../../locales/vi/nlu/learned.json'
import personas from '../../locales/vi/nlu/personas.json'
import written from '../../locales/vi/nlu/train.json'
import { fold, normalize } from './normalize.ts'
import type { TrainingData } from './train.ts'
import { INTENT_IDS } from './types.ts'

/**
 * The utterances the intent model is trained on: ours (locales/vi/nlu/train.json: short questions and phrases;
 * locales/vi/nlu/personas.json: messages written in the voice of the people who use the bot — Xơ Đăng and Ba Na
 * villagers writing Vietnamese as a second language, village collaborators, commune officers, elderly Kinh
 * farmers; with and without diacritics, teencode, stories before the question) plus those officers labelled
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

/** Two sets of utterances as one (per intent, in order). */
export function concatTrainingData(a: TrainingData, b: TrainingData): TrainingData {
  const out: Record<string, string[]> = {}
  for (const intent of new Set([...Object.keys(a), ...Object.keys(b)])) out[intent] = [...(a[intent] ?? []), ...(b[intent] ?? [])]
  return out
}

export const TRAINING_DATA: TrainingData = mergeTrainingData(concatTrainingData(written, personas), learned as { text: string; intent: string }[])
