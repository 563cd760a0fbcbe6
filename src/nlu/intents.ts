import type { IntentModelJson, IntentScores } from './classifier.ts'
import type { IntentId } from './types.ts'

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
  clarify?: [IntentId, IntentId]
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

/**
 * Turns calibrated scores into an answer: the top intent when it is sure enough, otherwise out_of_scope —
 * with the two candidates to ask about when the message plausibly means one of two things.
 */
export function decideIntent(scores: IntentScores, model: Pick<IntentModelJson, 'threshold' | 'minKnown' | 'clarify'>): IntentDecision {
  const [top, second] = scores.ranked
  if (!top || scores.empty) return { intent: OOS, confidence: 1, alternatives: [] }
  if (scores.known < model.minKnown) {
    return { intent: OOS, confidence: round(1 - (top.intent === OOS ? (second?.p ?? 0) : top.p)), alternatives: others(scores, OOS) }
  }
  if (top.intent === OOS) return { intent: OOS, confidence: round(top.p), alternatives: others(scores, OOS) }
  if (top.p >= model.threshold) return { intent: top.intent, confidence: round(top.p), alternatives: others(scores, top.intent) }
  const decision: IntentDecision = { intent: OOS, confidence: round(1 - top.p), alternatives: others(scores, OOS) }
  if (second && second.intent !== OOS && second.p >= model.clarify.minSecond && top.p + second.p >= model.clarify.minPair) {
    decision.clarify = [top.intent, second.intent]
  }
  return decision
}
