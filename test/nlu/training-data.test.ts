import { describe, expect, it } from 'vitest'
import { mergeTrainingData } from '../../src/nlu/training-data.ts'

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
