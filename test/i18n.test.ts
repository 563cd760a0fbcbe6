import { describe, expect, it } from 'vitest'
import { leafKeys, messages, t } from '../src/i18n.ts'
// Every capability registers its namespace when its texts load: load them all.
import '../src/capabilities.ts'

describe('locales', () => {
  it('has every Vietnamese text in English too, and no English-only key', () => {
    const vi = new Set(leafKeys(messages.vi))
    const en = new Set(leafKeys(messages.en))
    expect([...vi].filter((k) => !en.has(k))).toEqual([])
    expect([...en].filter((k) => !vi.has(k))).toEqual([])
  })

  it('uses the same {placeholders} in both languages', () => {
    const mismatched = leafKeys(messages.vi).filter((key) => {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',')
      return names(t('vi', key)) !== names(t('en', key))
    })
    expect(mismatched).toEqual([])
  })

  it('has a namespace for every capability that declares texts', () => {
    for (const ns of ['policy', 'eligibility', 'contact', 'roles']) expect(Object.keys(messages.vi[ns] as object).length, ns).toBeGreaterThan(0)
  })

  it('fills placeholders and falls back to the key for an unknown text', () => {
    expect(t('vi', 'core.too_long', { length: 4500, max: 4000 })).toContain('4500')
    expect(t('vi', 'no.such.key')).toBe('no.such.key')
  })
})
