/**
 * Validate the policy content: `tsx scripts/check-content.ts [root]` (exit 0 when valid, 1 with one line per
 * problem otherwise). Reads the topic files from `<root>/locales/<lang>/policies/` (root defaults to the
 * repository), so it also catches a file that src/policy/content.ts does not import yet, then renders every
 * topic the way users see it and checks the channel limits.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LOCALES } from '../src/i18n.ts'
import { CATEGORIES } from '../src/policy/schema.ts'
import { validateContent, type RawContent } from '../src/policy/validate.ts'

const ROOT = process.argv[2] ? resolve(process.argv[2]) : join(import.meta.dirname, '..')

function readTopics(): { raw: RawContent; errors: string[] } {
  const errors: string[] = []
  const raw = { vi: {}, en: {} } as RawContent
  for (const locale of LOCALES) {
    const dir = join(ROOT, 'locales', locale, 'policies')
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      try {
        raw[locale][file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(dir, file), 'utf8'))
      } catch (error) {
        errors.push(`${locale}/${file}: not valid JSON — ${(error as Error).message}`)
      }
    }
  }
  return { raw, errors }
}

async function renderedProblems(onDisk: string[]): Promise<string[]> {
  const problems: string[] = []
  const { TOPIC_IDS } = await import('../src/policy/content.ts')
  const { renderTopic, MAX_BUTTONS } = await import('../src/policy/render.ts')
  const { MAX_LABEL_CHARS } = await import('../src/policy/schema.ts')
  const { ZALO_MAX_CHARS } = await import('../src/util/split.ts')
  for (const id of onDisk) if (!(TOPIC_IDS as string[]).includes(id)) problems.push(`${id}: not imported in src/policy/content.ts`)
  for (const id of TOPIC_IDS) {
    for (const locale of LOCALES) {
      for (const category of [undefined, ...CATEGORIES]) {
        for (const part of ['short', 'details'] as const) {
          const replies = renderTopic(id, { locale, category, part })
          const where = `${locale}/${id} (${part}${category ? `, ${category}` : ''})`
          if (part === 'short' && replies.length > 1) problems.push(`${where}: short answer needs ${replies.length} messages`)
          for (const reply of replies) {
            if (reply.text.length > ZALO_MAX_CHARS) problems.push(`${where}: a message has ${reply.text.length} characters`)
            const buttons = reply.buttons ?? []
            if (buttons.length > MAX_BUTTONS) problems.push(`${where}: ${buttons.length} buttons`)
            for (const b of buttons) {
              if (b.label.length > MAX_LABEL_CHARS) problems.push(`${where}: button "${b.label}" is too long`)
            }
          }
        }
      }
    }
  }
  return problems
}

async function main(): Promise<number> {
  const { raw, errors } = readTopics()
  const result = validateContent(raw)
  const problems = [...errors, ...(result.ok ? [] : result.errors)]
  if (problems.length === 0) problems.push(...(await renderedProblems(Object.keys(raw.vi))))
  if (problems.length > 0) {
    console.error(`Policy content has ${problems.length} problem(s):`)
    for (const p of problems) console.error(`  ${p}`)
    return 1
  }
  const count = Object.keys(raw.vi).length
  console.log(`Policy content OK: ${count} topics in ${LOCALES.length} languages.`)
  return 0
}

process.exitCode = await main()
