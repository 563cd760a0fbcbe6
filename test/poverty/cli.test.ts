import { spawn } from 'node:child_process'
import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runClassifyCli } from '../../src/poverty/cli.ts'

const TODAY = '2026-06-15'

async function run(input: string, today = TODAY): Promise<{ code: number; lines: unknown[] }> {
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  const code = await runClassifyCli(Readable.from([input]), output, { today })
  output.end()
  const text = Buffer.concat(chunks).toString('utf8')
  return { code, lines: text === '' ? [] : text.replace(/\n$/, '').split('\n').map((l) => JSON.parse(l)) }
}

const poor = '{"area":"rural","members":3,"monthlyIncomeVnd":4500000,"deprivations":["water","telecom","nutrition"]}'
const nearPoor = '{"area":"urban","members":1,"incomePerPersonVnd":2000000,"deprivations":[]}'

describe('classify command (JSON lines)', () => {
  it('answers every valid line in order and exits 0', async () => {
    const { code, lines } = await run(`${poor}\n${nearPoor}\n`)
    expect(code).toBe(0)
    expect(lines.map((l) => (l as { category: string }).category)).toEqual(['poor', 'near_poor'])
  })

  it('answers an invalid line with an error object in its place, keeps going, and exits 2', async () => {
    const { code, lines } = await run(`${poor}\n{"area":"rural","members":0,"monthlyIncomeVnd":1,"deprivations":[]}\n${nearPoor}\n`)
    expect(code).toBe(2)
    expect(lines).toHaveLength(3)
    expect(lines[1]).toEqual({ error: { message: 'members: phải là số nguyên từ 1 đến 100', path: ['members'] } })
    expect((lines[2] as { category: string }).category).toBe('near_poor')
  })

  it('answers a line that is not JSON with a Vietnamese error and path []', async () => {
    const { code, lines } = await run(`{area: rural}\n${poor}`)
    expect(code).toBe(2)
    expect(lines[0]).toEqual({ error: { message: 'dòng này không phải JSON hợp lệ', path: [] } })
  })

  it('answers a blank line with an error, so output line n still belongs to input line n', async () => {
    const { code, lines } = await run(`${poor}\n\n${nearPoor}\n`)
    expect(code).toBe(2)
    expect(lines).toEqual([
      expect.objectContaining({ category: 'poor' }),
      { error: { message: 'dòng trống: không có thông tin hộ gia đình', path: [] } },
      expect.objectContaining({ category: 'near_poor' }),
    ])
  })

  it('reads Windows files: CRLF line ends and a byte-order mark', async () => {
    const { code, lines } = await run(`\uFEFF${poor}\r\n${nearPoor}\r\n`)
    expect(code).toBe(0)
    expect(lines).toHaveLength(2)
  })

  it('writes nothing and exits 0 for empty input', async () => {
    expect(await run('')).toEqual({ code: 0, lines: [] })
  })

  it('uses the given today to pick the standard', async () => {
    const { lines } = await run(`${nearPoor}\n`, '2027-02-01')
    expect(lines[0]).toMatchObject({ standard: '2027-2030', povertyLineVnd: 2_800_000, provisional: true })
  })

  it('runs as a process: one line out per line in, exit code 2, and no stack trace', async () => {
    const script =
      "import('./src/poverty/cli.ts').then((m) => m.runClassifyCli(process.stdin, process.stdout, { today: '2026-06-15' })).then((c) => process.exit(c))"
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: process.cwd() })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.stdin.end(`${poor}\nnot json\n{"area":"rural"}\n`)
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(2)
    expect(stderr).toBe('')
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(3)
    expect(lines[0].category).toBe('poor')
    expect(lines[1].error.path).toEqual([])
    expect(lines[2].error).toEqual({
      message: 'members: thiếu trường bắt buộc; phải là số nguyên từ 1 đến 100',
      path: ['members'],
    })
  })
})
