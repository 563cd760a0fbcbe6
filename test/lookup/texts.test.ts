import { describe, expect, it } from 'vitest'
import { leafKeys, messages } from '../../src/i18n.ts'
import '../../src/lookup/texts.ts'

describe('the register\'s texts', () => {
  it('exist in Vietnamese and English with the same placeholders', () => {
    const vi = leafKeys(messages.vi.lookup as never, 'lookup.')
    const en = leafKeys(messages.en.lookup as never, 'lookup.')
    expect(vi.length).toBeGreaterThan(50)
    expect(vi.sort()).toEqual(en.sort())
    const names = (tree: Record<string, unknown>, key: string) => {
      const text = key.split('.').slice(1).reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], tree) as string
      return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',')
    }
    for (const key of vi) expect(names(messages.en.lookup as never, key), key).toBe(names(messages.vi.lookup as never, key))
  })
})
