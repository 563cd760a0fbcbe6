import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { serializeModel, trainIntentModel } from '../../src/nlu/train.ts'
import { TRAINING_DATA } from '../../src/nlu/training-data.ts'

const committed = readFileSync(new URL('../../src/nlu/model.generated.json', import.meta.url), 'utf8')

describe('bundled intent model', () => {
  it('is exactly what training on locales/vi/nlu/train.json + personas.json + learned.json produces now (npm run nlu:train if not)', () => {
    expect(serializeModel(trainIntentModel(TRAINING_DATA))).toBe(committed)
  }, 60_000)

  it('fits the Worker bundle budget: at most 300 KB gzipped', () => {
    expect(gzipSync(committed).length).toBeLessThanOrEqual(300 * 1024)
  })

  it('records a calibrated temperature and the decision policy it is used with', () => {
    const model = JSON.parse(committed) as { temperature: number; decision: Record<string, number>; info: { cvAccuracy: number } }
    expect(model.temperature).toBeGreaterThan(0)
    expect(model.decision.answer).toBeGreaterThan(0.2)
    expect(model.decision.answer).toBeLessThan(0.95)
    expect([2, 3]).toContain(model.decision.maxOptions)
    expect(model.info.cvAccuracy).toBeGreaterThan(0.7)
  })
})
