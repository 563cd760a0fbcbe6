import { PassThrough, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runNluCli } from '../../src/nlu/cli.ts'

async function run(input: string): Promise<{ code: number; lines: Record<string, unknown>[]; raw: string }> {
  const stdin = new PassThrough()
  let raw = ''
  const stdout = new Writable({
    write(chunk, _enc, done) {
      raw += String(chunk)
      done()
    },
  })
  stdin.end(input)
  const code = await runNluCli(stdin, stdout, { now: new Date('2026-11-29T03:00:00Z') })
  return { code, raw, lines: raw.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) }
}

describe('runNluCli (npm run -s nlu)', () => {
  it('prints one JSON line per input line, in order, with intent, confidence and entities', async () => {
    const { code, lines } = await run('nha e 5 ng thu nhap 6tr co ngheo ko\nbáo mất điện\ntạo lịch tập huấn 8h sáng mai ở Đăk Hà\n')
    expect(code).toBe(0)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatchObject({
      text: 'nha e 5 ng thu nhap 6tr co ngheo ko',
      intent: 'eligibility.check',
      entities: { amountsVnd: [6_000_000], members: 5 },
    })
    expect(typeof lines[0]?.confidence).toBe('number')
    expect(lines[1]).toMatchObject({ text: 'báo mất điện', intent: 'out_of_scope', entities: {} })
    expect(lines[2]).toMatchObject({
      intent: 'reminder.create',
      entities: { date: '2026-11-30T08:00:00+07:00', place: 'quang-ngai/xa-dak-ha' },
    })
  })

  it('answers an empty line with out_of_scope and keeps the line count', async () => {
    const { lines } = await run('xin chào\n\ncảm ơn\n')
    expect(lines.map((l) => l.intent)).toEqual(['greeting', 'out_of_scope', 'thanks_bye'])
    expect(lines[1]).toMatchObject({ text: '', intent: 'out_of_scope', entities: {} })
  })

  it('accepts Windows line endings and a last line without newline', async () => {
    const { lines } = await run('xin chào\r\nvay vốn')
    expect(lines.map((l) => l.text)).toEqual(['xin chào', 'vay vốn'])
  })

  it('reports unusable amounts and never prints a stack trace', async () => {
    const { code, raw, lines } = await run('-5tr\n999999 tỷ\n\u0000\u0007😀\n')
    expect(code).toBe(0)
    expect(raw).not.toMatch(/\bat .*\(.*:\d+:\d+\)/)
    expect(lines[0]).toMatchObject({ entities: { rejectedAmounts: [{ text: '-5tr', reason: 'negative' }] } })
    expect(lines[1]).toMatchObject({ entities: { rejectedAmounts: [{ reason: 'too_large' }] } })
    expect(lines[2]).toMatchObject({ intent: 'out_of_scope' })
  })

  it('returns exit code 1 with a JSON error line when the input fails', async () => {
    const stdin = new PassThrough()
    let raw = ''
    const stdout = new Writable({
      write(chunk, _enc, done) {
        raw += String(chunk)
        done()
      },
    })
    const pending = runNluCli(stdin, stdout)
    stdin.write('xin chào\n')
    setTimeout(() => stdin.destroy(new Error('disk gone')), 10)
    expect(await pending).toBe(1)
    expect(raw.trim().split('\n').at(-1)).toBe('{"error":{"message":"disk gone"}}')
  })
})
