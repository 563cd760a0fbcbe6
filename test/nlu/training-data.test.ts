import { describe, expect, it } from 'vitest'
import { fold, normalize } from '../../src/nlu/normalize.ts'
import { mergeTrainingData, TRAINING_DATA } from '../../src/nlu/training-data.ts'
import dev from './dev.json'
import dev2 from './dev2.json'
import sealed from './sealed.json'
import sealed2 from './sealed2.json'

describe('mergeTrainingData', () => {
  const base = { greeting: ['xin chào'], 'policy.credit': ['vay vốn hộ nghèo', 'lãi suất vay'], out_of_scope: ['giá vàng'] }

  it('adds officers\u2019 labelled questions to their intent', () => {
    const merged = mergeTrainingData(base, [{ text: 'vay tiền mua trâu', intent: 'policy.credit' }])
    expect(merged['policy.credit']).toEqual(['vay vốn hộ nghèo', 'lãi suất vay', 'vay tiền mua trâu'])
  })

  it('lets an officer\u2019s label win over ours for the same message, typed any way', () => {
    const merged = mergeTrainingData(base, [{ text: 'GIA VANG', intent: 'policy.credit' }])
    expect(merged.out_of_scope).toEqual([])
    expect(merged['policy.credit']).toContain('GIA VANG')
  })

  it('ignores unknown intents, empty texts and repeats', () => {
    const merged = mergeTrainingData(base, [
      { text: 'abc', intent: 'no.such.intent' },
      { text: '  ', intent: 'greeting' },
      { text: 'chào ad', intent: 'greeting' },
      { text: 'chao ad', intent: 'greeting' },
    ])
    expect(merged.greeting).toEqual(['xin chào', 'chào ad'])
    expect(Object.values(merged).flat()).not.toContain('abc')
  })
})

describe('the evaluation sets stay unseen', () => {
  const key = (s: string) => fold(normalize(s))
  const training = new Set(Object.values(TRAINING_DATA).flat().map(key))

  // Stock phrases ("cảm ơn nhiều", "hướng dẫn sử dụng", "alo") are written by everyone; a longer message that is
  // also a training utterance would make the score measure memory. Only a count is reported, never the texts.
  it.each([
    ['development', dev],
    ['second development', dev2],
    ['sealed', sealed],
    ['second sealed', sealed2],
  ])('no %s-set message of five words or more, or its folded twin, is a training utterance', (_, set) => {
    const leaked = (set as { text: string }[]).map((m) => key(m.text)).filter((k) => k.split(' ').length >= 5 && training.has(k)).length
    expect(leaked).toBe(0)
  })
})
