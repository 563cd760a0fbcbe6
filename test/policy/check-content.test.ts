import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { datedWords } from '../../src/policy/staleness.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)

async function checkContent(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'check-content.ts')]
  try {
    const { stdout, stderr } = await run(process.execPath, [...cli, ...args], { cwd: ROOT })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

type RawTopic = { facts: { id: string; text: string; validFrom: string; basis: unknown[] }[] }

describe('npm run check:content', () => {
  let scratch: string | undefined
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true })
    scratch = undefined
  })

  /** A copy of the content to break; `edit` changes one topic file. */
  function copyWith(lang: 'vi' | 'en', topic: string, edit: (t: RawTopic) => void): string {
    scratch = mkdtempSync(join(tmpdir(), 'policy-content-'))
    for (const l of ['vi', 'en']) cpSync(join(ROOT, 'locales', l, 'policies'), join(scratch, 'locales', l, 'policies'), { recursive: true })
    cpSync(join(ROOT, 'locales', 'legal-documents.json'), join(scratch, 'locales', 'legal-documents.json'))
    const file = join(scratch, 'locales', lang, 'policies', `${topic}.json`)
    const raw = JSON.parse(readFileSync(file, 'utf8')) as RawTopic
    edit(raw)
    writeFileSync(file, JSON.stringify(raw))
    return scratch
  }

  it('passes the real content', async () => {
    const result = await checkContent()
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Policy content OK: 18 topics in 2 languages, \d+ legal documents\.\n$/) })
  })

  it('fails, naming the topic and the field, when a fact loses its legal basis', async () => {
    const root = copyWith('vi', 'housing', (t) => {
      t.facts.find((f) => f.id === 'loan_3')!.basis = []
    })
    const result = await checkContent(root)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/vi\/housing: facts\.\d+\.basis — a verified fact needs its legal basis/)
  })

  it('--at 2027-01-01 on the real content: nothing wrong or stale, and the new income lines start that day', async () => {
    const result = await checkContent('--at', '2027-01-01')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Content on 2027-01-01:\n  no fact would be wrong or stale that day.')
    expect(result.stdout).toMatch(/changes {2}vi\/poverty_standard\/line_rural: "Ở nông thôn, mức chuẩn là 1,5 triệu.*" → "Ở nông thôn, mức chuẩn là 2,2 triệu/)
  })

  it('--at lists a fact that would still say "Năm 2026 vẫn dùng…" in 2027, and exits 1', async () => {
    const root = copyWith('vi', 'poverty_standard', (t) => {
      t.facts.find((f) => f.id === 'name' && f.validFrom === '2027-01-01')!.text = 'Năm 2026 vẫn dùng chuẩn nghèo của Nghị định 07/2021/NĐ-CP.'
    })
    const result = await checkContent(root, '--at', '2027-01-01')
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('stale     vi/poverty_standard/name: names 2026 as the current year ("Năm 2026")')
  })

  it('refuses a malformed --at with exit 2', async () => {
    const result = await checkContent('--at', '1/1/2027')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--at needs a day as YYYY-MM-DD')
  })
})

describe('datedWords', () => {
  it.each([
    ['Năm 2026 vẫn dùng chuẩn cũ.', '2027-01-01', 'names 2026 as the current year ("Năm 2026")'],
    ['Kết quả tính theo chuẩn năm 2026.', '2027-03-01', 'names 2026 as the current year ("năm 2026")'],
    ['Từ 1/1/2027 sẽ dùng chuẩn nghèo mới.', '2027-01-01', 'speaks of 2027-01-01 as still to come ("Từ 1/1/2027 sẽ…")'],
    ['In 2026 the old standard applies.', '2027-01-01', 'names 2026 as the current year ("In 2026")'],
  ])('flags %j on %s', (text, date, why) => {
    expect(datedWords(text, date)).toBe(why)
  })

  it.each([
    ['Năm 2026 vẫn dùng chuẩn cũ.', '2026-12-31'],
    ['Từ năm 2026, ba chương trình được gộp.', '2027-01-01'],
    ['Trước năm 2027 là 1,5 triệu đồng.', '2028-01-01'],
    ['Áp dụng đến hết năm 2030.', '2029-01-01'],
    ['Từ 1/1/2027 sẽ dùng chuẩn mới.', '2026-12-31'],
  ])('leaves %j alone on %s', (text, date) => {
    expect(datedWords(text, date)).toBeUndefined()
  })
})
