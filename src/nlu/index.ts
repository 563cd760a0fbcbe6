import { loadIntentClassifier, type IntentClassifier, type IntentModelJson } from './classifier.ts'
import { parseDateTokens } from './dates.ts'
import { decideIntent } from './intents.ts'
import { parseMembersTokens } from './members.ts'
import { parseMoneyTokens } from './money.ts'
import { findPersonName, parseHouseholdCode } from './names.ts'
import modelJson from './model.generated.json'
import { analyzeText } from './normalize.ts'
import { createPlaceMatcher } from './places.ts'
import { classifierTokens } from './senses.ts'
import type { Entities, PlaceName, Understanding } from './types.ts'

/**
 * The Vietnamese NLU: one call per text message gives the intent (with a calibrated confidence, or
 * out_of_scope when unsure) and the entities the handlers need. Offline, bundled, Workers-safe.
 *
 * @example
 * const nlu = createNlu({ places: placeNames() })
 * nlu.understand('nha e 5 ng thu nhap 6tr co ngheo ko', new Date())
 * // { intent: 'eligibility.check', confidence: 0.9…, entities: { amountsVnd: [6000000], members: 5 }, … }
 */

export type { Entities, IntentId, PlaceName, Understanding } from './types.ts'
export { INTENT_IDS } from './types.ts'
export { analyzeText, fold, normalize, normalizeTokens, type AnalyzedText } from './normalize.ts'
export { parseMoney, MAX_REASONABLE_VND, type MoneyResult, type RejectReason } from './money.ts'
export { parseMembers, MAX_MEMBERS } from './members.ts'
export { parseDate } from './dates.ts'
export { parseHouseholdCode, parsePersonName } from './names.ts'
export { createPlaceMatcher, type PlaceMatcher } from './places.ts'
export type { IntentModelJson } from './classifier.ts'

/** The NLU built by {@link createNlu}. */
export interface Nlu {
  /** Understands one message; `now` resolves relative dates ("mai", "thứ hai tuần sau"). Never throws. */
  understand(text: string, now: Date): Understanding
}

export interface NluOptions {
  /** Places to recognise (the seed's `placeNames()`, or rows of the Place table). */
  places: PlaceName[]
  /** Another intent model (evaluation of a freshly trained one); default: the bundled model. */
  model?: IntentModelJson
}

/** Longer messages are cut before analysis: nobody asks a question in more, and cost stays bounded. */
export const MAX_ANALYSED_CHARS = 1000

// Built when the module loads: in a Worker that is script start-up, not the first request's CPU time, and
// every createNlu() shares the tables. (The JSON's inferred type says `version: number`; it is our format.)
const bundled: IntentClassifier = loadIntentClassifier(modelJson as unknown as IntentModelJson)

/**
 * Builds the NLU once (model tables, place index); `understand` is then pure and fast (well under a
 * millisecond per message).
 */
export function createNlu(opts: NluOptions): Nlu {
  const classifier = opts.model ? loadIntentClassifier(opts.model) : bundled
  const places = createPlaceMatcher(opts.places)

  function understand(text: string, now: Date): Understanding {
    const raw = typeof text === 'string' ? text : ''
    const analyzed = analyzeText(raw.length > MAX_ANALYSED_CHARS ? raw.slice(0, MAX_ANALYSED_CHARS) : raw)
    const { accented, folded, hasDigit } = analyzed
    const person = findPersonName(raw)
    const decision = decideIntent(classifier.score(classifierTokens(analyzed, person?.typed)), classifier.model.decision)

    const entities: Entities = {}
    const money = parseMoneyTokens(folded, hasDigit)
    if (money.amountsVnd.length > 0) entities.amountsVnd = money.amountsVnd
    if (money.rejected.length > 0) entities.rejectedAmounts = money.rejected
    const members = parseMembersTokens(folded)
    if (members !== undefined) entities.members = members
    const date = parseDateTokens(folded, accented, now, hasDigit)
    if (date) {
      entities.date = date.iso
      entities.dateHasTime = date.hasTime
    }
    const place = places.matchTokens(folded)
    if (place !== undefined) entities.place = place
    if (person) entities.personName = person.name
    const code = hasDigit ? parseHouseholdCode(raw) : undefined
    if (code !== undefined) entities.householdCode = code

    const result: Understanding = {
      text: raw,
      intent: decision.intent,
      confidence: decision.confidence,
      alternatives: decision.alternatives,
      entities,
    }
    if (decision.clarify) result.clarify = decision.clarify
    return result
  }

  return { understand }
}
