import { describe, expect, it } from 'vitest'
import { loadIntentClassifier, type IntentModelJson } from '../../src/nlu/classifier.ts'
import { extractFeatures } from '../../src/nlu/features.ts'
import modelJson from '../../src/nlu/model.generated.json'
import { analyzeText } from '../../src/nlu/normalize.ts'
import heldout from './heldout.json'

const model = modelJson as unknown as IntentModelJson

/** Every stored feature's (class, weight) pairs, built once (per text it took most of the test's time). */
const rows = new Map<number, [number, number][]>()
{
  let at = 0
  model.vocab.forEach((h, i) => {
    const row: [number, number][] = []
    for (let j = 0; j < (model.rowLengths[i] as number); j++, at++) row.push([model.classes[at] as number, model.weights[at] as number])
    rows.set(h, row)
  })
}

/** Logits the slow, obvious way: every feature of the training featurizer times its stored weight. */
function referenceLogits(text: string): number[] {
  const z = model.bias.map((b) => b / model.scale)
  const { hashes, values } = extractFeatures(analyzeText(text).folded, model.features)
  hashes.forEach((h, i) => {
    for (const [c, w] of rows.get(h) ?? []) z[c] = (z[c] as number) + ((values[i] as number) * w) / model.scale
  })
  return z
}

describe('intent classifier', () => {
  const classifier = loadIntentClassifier(model)
  const texts = [...heldout.map((h) => h.text), 'x', 'dakha dakha dakha', 'ok ok ok ok', '']

  it('scores exactly what training saw: cached per-word sums equal the plain feature dot product', () => {
    for (const round of [1, 2]) {
      for (const text of texts) {
        const got = Array.from(classifier.logits(analyzeText(text).folded).logits)
        const want = referenceLogits(text)
        got.forEach((v, c) => expect(v, `${text} (round ${round}) class ${c}`).toBeCloseTo(want[c] as number, 9))
      }
    }
  })

  it('returns probabilities that are ranked and sum to at most one', () => {
    for (const text of texts.slice(0, 50)) {
      const { ranked } = classifier.score(analyzeText(text).folded)
      expect(ranked).toHaveLength(4)
      for (let i = 1; i < ranked.length; i++) expect((ranked[i - 1] as { p: number }).p).toBeGreaterThanOrEqual((ranked[i] as { p: number }).p)
      expect(ranked.reduce((a, r) => a + r.p, 0)).toBeLessThanOrEqual(1 + 1e-9)
    }
  })
})
