/**
 * Validate the policy content: `npm run check:content -- [root] [--at YYYY-MM-DD]`.
 *
 * Reads the topic files from `<root>/locales/<lang>/policies/` and the register `<root>/locales/legal-documents.json`
 * (root defaults to the repository), so it also catches a file that src/policy/content.ts does not import yet; then
 * renders every topic the way users see it, on every day its content changes, and checks the channel limits.
 *
 * With `--at`, it also lists every fact that would be wrong or stale on that day (a repealed document, a year named
 * as current after it ended, a "will" about a day gone by), topics with nothing to say, and what changes that day.
 *
 * Exit 0 when all is well, 1 with one line per problem, 2 for a malformed `--at`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LOCALES } from '../src/i18n.ts'
import { CATEGORIES } from '../src/policy/schema.ts'
import { changeDays, COVERAGE, validateContent, type RawContent, type ValidContent } from '../src/policy/validate.ts'
import { stalenessOn, type StalenessReport } from '../src/policy/staleness.ts'

const args = process.argv.slice(2)
const atIndex = args.indexOf('--at')
const at = atIndex >= 0 ? args[atIndex + 1] : undefined
const positional = args.filter((a, i) => a !== '--at' && i !== atIndex + 1 || atIndex < 0 && a !== '--at')
const ROOT = positional[0] && !positional[0].startsWith('--') ? resolve(positional[0]) : join(import.meta.dirname, '..')

function readJson(file: string, errors: string[], where: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    errors.push(`${where}: not valid JSON — ${(error as Error).message}`)
    return undefined
  }
}

function readContent(): { raw: RawContent; register: unknown; errors: string[] } {
  const errors: string[] = []
  const raw = { vi: {}, en: {} } as RawContent
  for (const locale of LOCALES) {
    const dir = join(ROOT, 'locales', locale, 'policies')
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      raw[locale][file.slice(0, -'.json'.length)] = readJson(join(dir, file), errors, `${locale}/${file}`)
    }
  }
  return { raw, register: readJson(join(ROOT, 'locales', 'legal-documents.json'), errors, 'legal-documents.json'), errors }
}

async function renderedProblems(onDisk: string[]): Promise<string[]> {
  const problems: string[] = []
  const { TOPIC_IDS, getTopic } = await import('../src/policy/content.ts')
  const { renderTopic, renderOverview, MAX_BUTTONS } = await import('../src/policy/render.ts')
  const { MAX_LABEL_CHARS } = await import('../src/policy/schema.ts')
  const { ZALO_MAX_CHARS } = await import('../src/util/split.ts')
  for (const id of onDisk) if (!(TOPIC_IDS as string[]).includes(id)) problems.push(`${id}: not imported in src/policy/content.ts`)
  const check = (where: string, replies: { text: string; buttons?: { label: string }[] }[], oneMessage: boolean) => {
    if (oneMessage && replies.length > 1) problems.push(`${where}: short answer needs ${replies.length} messages`)
    for (const reply of replies) {
      if (reply.text.length > ZALO_MAX_CHARS) problems.push(`${where}: a message has ${reply.text.length} characters`)
      const buttons = reply.buttons ?? []
      if (buttons.length > MAX_BUTTONS) problems.push(`${where}: ${buttons.length} buttons`)
      for (const b of buttons) if (b.label.length > MAX_LABEL_CHARS) problems.push(`${where}: button "${b.label}" is too long`)
    }
  }
  for (const id of TOPIC_IDS) {
    for (const locale of LOCALES) {
      for (const date of changeDays(getTopic(id, locale).facts, COVERAGE.from, COVERAGE.to)) {
        for (const category of [undefined, ...CATEGORIES]) {
          for (const part of ['short', 'details'] as const) {
            check(`${locale}/${id} (${part}, ${date}${category ? `, ${category}` : ''})`, renderTopic(id, { locale, category, part, date }), part === 'short')
          }
        }
        check(`${locale}/overview of every support (${date})`, renderOverview(locale, date, []), false)
      }
    }
  }
  return problems
}

function printReport(report: StalenessReport): number {
  const problems = report.findings.filter((f) => f.kind !== 'unchecked')
  console.log(`Content on ${report.date}:`)
  if (report.findings.length === 0) console.log('  no fact would be wrong or stale that day.')
  for (const f of report.findings) {
    const text = 'fact' in f ? ` — "${f.fact.text.slice(0, 90)}${f.fact.text.length > 90 ? '…' : ''}"` : ''
    console.log(`  ${f.kind.padEnd(9)} ${f.where}: ${f.why}${text}`)
  }
  if (report.changes.length > 0) {
    console.log(`Changes that day (${report.changes.length}):`)
    for (const c of report.changes) {
      if (c.starts && c.ends) console.log(`  changes  ${c.where}: "${c.ends.text.slice(0, 60)}…" → "${c.starts.text.slice(0, 60)}…"`)
      else if (c.starts) console.log(`  starts   ${c.where}: "${c.starts.text.slice(0, 90)}…"`)
      else if (c.ends) console.log(`  ends     ${c.where}: "${c.ends.text.slice(0, 90)}…" (nothing replaces it)`)
    }
  }
  return problems.length > 0 ? 1 : 0
}

async function main(): Promise<number> {
  if (atIndex >= 0 && !(at && /^\d{4}-\d{2}-\d{2}$/.test(at) && !Number.isNaN(Date.parse(`${at}T00:00:00Z`)))) {
    console.error(`--at needs a day as YYYY-MM-DD, got ${JSON.stringify(at ?? '')}`)
    return 2
  }
  const { raw, register, errors } = readContent()
  const result = validateContent(raw, register)
  const problems = [...errors, ...(result.ok ? [] : result.errors)]
  if (problems.length === 0) problems.push(...(await renderedProblems(Object.keys(raw.vi))))
  if (problems.length > 0) {
    console.error(`Policy content has ${problems.length} problem(s):`)
    for (const p of problems) console.error(`  ${p}`)
    return 1
  }
  const content = (result as { content: ValidContent }).content
  console.log(`Policy content OK: ${Object.keys(raw.vi).length} topics in ${LOCALES.length} languages, ${content.register.size} legal documents.`)
  return at ? printReport(stalenessOn(content, at)) : 0
}

process.exitCode = await main()
