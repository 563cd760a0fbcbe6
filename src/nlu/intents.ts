import type { IntentScores } from './classifier.ts'
import type { IntentId } from './types.ts'

/**
 * How calibrated scores become what the bot does: answer, offer two or three "Ý bạn là…?" buttons, or fall back
 * (out of scope). Tuned on the development set (test/nlu/dev.json, `npm run nlu:tune`), stored in the model.
 */
export interface DecisionPolicy {
  /** Answer the top intent when it is in scope and at least this likely (but see `sure` and `ahead`). */
  answer: number
  /**
   * Between `answer` and this, the top intent is answered only when it is clearly ahead: the next in-scope intent
   * has less than `ahead` × its probability. A close call (say 0.45 against 0.35) gets buttons instead: on messages
   * the model had not seen, about half of such answers were wrong and the runner-up was then right as often.
   * Absent: no such band.
   */
  sure?: number
  /** See `sure`: the runner-up's share of the top intent's probability that makes a close call. */
  ahead?: number
  /** Out of scope ranked first and at least this likely: the flat fallback, no buttons. */
  oosSure: number
  /** An intent is offered as a button only when at least this likely. */
  minOption: number
  /** Buttons only when the offered intents together are at least this likely (else: out of scope). */
  cover: number
  /** At most this many buttons (2 or 3). */
  maxOptions: number
  /** Below this share of known feature mass the message is gibberish to the model: out of scope. */
  minKnown: number
}

/** The routing decision for one message. */
export interface IntentDecision {
  intent: IntentId
  /**
   * Calibrated probability that acting on `intent` is right. For an out_of_scope that the model itself ranked
   * first it is that class's probability; for an out_of_scope given because the best in-scope intent was not
   * sure enough, it is the probability that this best guess would have been wrong.
   */
  confidence: number
  alternatives: { intent: IntentId; confidence: number }[]
  /** Two or three intents to offer as buttons instead of answering (then `intent` is out_of_scope). */
  clarify?: readonly IntentId[]
}

const OOS: IntentId = 'out_of_scope'

function round(p: number): number {
  return Math.round(p * 1e4) / 1e4
}

/** The runners-up to `intent`, best first, at most three. */
function others(scores: IntentScores, intent: IntentId): IntentDecision['alternatives'] {
  const out: IntentDecision['alternatives'] = []
  for (const r of scores.ranked) {
    if (r.intent === intent) continue
    out.push({ intent: r.intent, confidence: round(r.p) })
    if (out.length === 3) break
  }
  return out
}

/** The top (in-scope) intent is below `sure` and the next in-scope intent is nearly as likely. */
function closeCall(scores: IntentScores, policy: DecisionPolicy): boolean {
  const [top] = scores.ranked
  if (!top || policy.sure === undefined || policy.ahead === undefined || top.p >= policy.sure) return false
  const next = scores.ranked.find((r) => r.intent !== OOS && r.intent !== top.intent)
  return next !== undefined && next.p >= policy.ahead * top.p
}

/**
 * Turns calibrated scores into an answer: the top intent when it is sure enough and not a close call with the next; otherwise the two or three
 * in-scope intents that together hold most of the probability, as buttons; otherwise out_of_scope. A message
 * the model confidently places out of scope, or barely knows a word of, is out of scope without buttons.
 */
export function decideIntent(scores: IntentScores, policy: DecisionPolicy): IntentDecision {
  const [top, second] = scores.ranked
  if (!top || scores.empty) return { intent: OOS, confidence: 1, alternatives: [] }
  if (scores.known < policy.minKnown) {
    return { intent: OOS, confidence: round(1 - (top.intent === OOS ? (second?.p ?? 0) : top.p)), alternatives: others(scores, OOS) }
  }
  if (top.intent === OOS && top.p >= policy.oosSure) return { intent: OOS, confidence: round(top.p), alternatives: others(scores, OOS) }
  if (top.intent !== OOS && top.p >= policy.answer && !closeCall(scores, policy)) {
    return { intent: top.intent, confidence: round(top.p), alternatives: others(scores, top.intent) }
  }
  const bestInScope = scores.ranked.find((r) => r.intent !== OOS)
  const decision: IntentDecision = {
    intent: OOS,
    confidence: round(top.intent === OOS ? top.p : 1 - top.p),
    alternatives: others(scores, OOS),
  }
  const options: IntentId[] = []
  let mass = 0
  for (const r of scores.ranked) {
    if (r.intent === OOS || r.p < policy.minOption) continue
    options.push(r.intent)
    mass += r.p
    if (options.length === policy.maxOptions) break
  }
  // One plausible intent alone is still asked about, with the next best beside it: a button costs a tap, a
  // fallback costs the question.
  if (options.length === 1 && bestInScope) {
    const next = scores.ranked.find((r) => r.intent !== OOS && r.intent !== options[0])
    if (next) {
      options.push(next.intent)
      mass += next.p
    }
  }
  if (options.length >= 2 && mass >= policy.cover) decision.clarify = options
  return decision
}
