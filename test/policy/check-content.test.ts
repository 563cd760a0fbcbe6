import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)

async function checkContent(root?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'check-content.ts')]
  try {
    const { stdout, stderr } = await run(process.execPath, root ? [...args, root] : args, { cwd: ROOT })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('scripts/check-content.ts', () => {
  let scratch: string | undefined
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true })
    scratch = undefined
  })

  it('passes the real content', async () => {
    const result = await checkContent()
    expect(result).toMatchObject({ code: 0, stdout: 'Policy content OK: 18 topics in 2 languages.\n' })
  })

  it('fails with a message naming the topic and the field when a topic loses its legal basis', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'policy-content-'))
    for (const lang of ['vi', 'en']) {
      cpSync(join(ROOT, 'locales', lang, 'policies'), join(scratch, 'locales', lang, 'policies'), { recursive: true })
    }
    const file = join(scratch, 'locales', 'vi', 'policies', 'housing.json')
    const topic = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    delete topic.legalBasis
    delete topic.checkedAt
    writeFileSync(file, JSON.stringify(topic))

    const result = await checkContent(scratch)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('vi/housing: legalBasis — ')
    expect(result.stderr).toContain('vi/housing: checkedAt — ')
  })
})
