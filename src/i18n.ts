import viCore from '../locales/vi.json'
import enCore from '../locales/en.json'
import viPoverty from '../locales/vi/poverty.json'
import enPoverty from '../locales/en/poverty.json'

/**
 * All user-facing text, bundled at build time (Workers has no filesystem). Vietnamese is the default;
 * English is the second locale. The core texts are here; each capability declares its own namespace
 * (`locales/<lang>/<namespace>.json`, registered by the capability's `texts.ts` with {@link defineTexts}) and
 * addresses it as `<namespace>.<key>`.
 */
export const LOCALES = ['vi', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export type Tree = { [key: string]: string | Tree }

export const messages: Record<Locale, Tree> = {
  vi: { ...(viCore as Tree), poverty: viPoverty as Tree },
  en: { ...(enCore as Tree), poverty: enPoverty as Tree },
}

/** A capability's texts: its namespace and one tree per locale. */
export interface Texts {
  namespace: string
  vi: Tree
  en: Tree
}

/**
 * Registers a capability's namespace (called once, when its `texts.ts` module loads; every module of the
 * capability that speaks imports it, so the texts are there before any of them runs).
 */
export function defineTexts(namespace: string, trees: { vi: object; en: object }): Texts {
  messages.vi[namespace] = trees.vi as Tree
  messages.en[namespace] = trees.en as Tree
  return { namespace, vi: trees.vi as Tree, en: trees.en as Tree }
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
