import viCore from '../locales/vi.json'
import enCore from '../locales/en.json'
import viPoverty from '../locales/vi/poverty.json'
import enPoverty from '../locales/en/poverty.json'
import viPolicy from '../locales/vi/policy.json'
import enPolicy from '../locales/en/policy.json'
import viEligibility from '../locales/vi/eligibility.json'
import enEligibility from '../locales/en/eligibility.json'
import viContact from '../locales/vi/contact.json'
import enContact from '../locales/en/contact.json'

/**
 * All user-facing text, bundled at build time (Workers has no filesystem). Vietnamese is the default;
 * English is the second locale. Capability texts live in their own namespace file
 * (`locales/<lang>/<namespace>.json`) and are addressed as `<namespace>.<key>`.
 */
export const LOCALES = ['vi', 'en'] as const
export type Locale = (typeof LOCALES)[number]

type Tree = { [key: string]: string | Tree }

export const messages: Record<Locale, Tree> = {
  vi: {
    ...(viCore as Tree),
    poverty: viPoverty as Tree,
    policy: viPolicy as Tree,
    eligibility: viEligibility as Tree,
    contact: viContact as Tree,
  },
  en: {
    ...(enCore as Tree),
    poverty: enPoverty as Tree,
    policy: enPolicy as Tree,
    eligibility: enEligibility as Tree,
    contact: enContact as Tree,
  },
}

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en'
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/**
 * Translate `key` into `locale`, filling `{name}` placeholders from `vars`.
 * Falls back to Vietnamese, then to the key itself, so a missing text never crashes a conversation
 * (a test checks that every key exists in every locale).
 */
export function t(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const template = lookup(messages[locale], key) ?? lookup(messages.vi, key) ?? key
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name]
    return value === undefined ? whole : String(value)
  })
}

/** Every leaf key of a message tree, dotted; used by the locale-completeness test. */
export function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : leafKeys(v, `${prefix}${k}.`),
  )
}
