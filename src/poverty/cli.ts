import { createInterface } from 'node:readline'
import { t } from '../i18n.ts'
import type { ClassifyOptions } from './select.ts'
import { tryClassify } from './classify.ts'
import type { InputProblem } from './input.ts'

/**
 * `npm run -s classify`: households as JSON lines in, one JSON line out per input line, in order — a
 * classification, or `{"error":{"message","path"}}` with a Vietnamese message. Node only (reads streams).
 *
 * A blank line is an input line too, and gets an error: skipping it would break the one-output-per-line
 * pairing that lets a caller match answers to households by line number. (A final newline at the end of
 * the input does not make an extra line.)
 */

function errorLine(problem: InputProblem): string {
  return JSON.stringify({ error: problem })
}

function answerLine(line: string, options: ClassifyOptions): { text: string; valid: boolean } {
  if (line.trim() === '') return { text: errorLine({ message: t('vi', 'poverty.input.blankLine'), path: [] }), valid: false }
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return { text: errorLine({ message: t('vi', 'poverty.input.invalidJson'), path: [] }), valid: false }
  }
  try {
    const answer = tryClassify(raw, { ...options, locale: 'vi' })
    return answer.ok
      ? { text: JSON.stringify(answer.result), valid: true }
      : { text: errorLine(answer.error), valid: false }
  } catch {
    // A fault of ours, not of the line: still one line out, and no stack trace on the terminal.
    return { text: errorLine({ message: t('vi', 'poverty.input.internalError'), path: [] }), valid: false }
  }
}

function write(output: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (output.write(`${text}\n`)) resolve()
    else output.once('drain', () => resolve())
  })
}

/**
 * Run the classify command over `input`, writing to `output`.
 * Resolves to the exit code: 0 when every line was a valid household, 2 otherwise.
 * @example runClassifyCli(process.stdin, process.stdout).then((code) => process.exit(code))
 */
export async function runClassifyCli(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  opts: { today?: string } = {},
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false })
  let allValid = true
  let first = true
  for await (const rawLine of lines) {
    // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
    const line = first ? rawLine.replace(/^\uFEFF/, '') : rawLine
    first = false
    const answer = answerLine(line, opts.today ? { today: opts.today } : {})
    if (!answer.valid) allValid = false
    await write(output, answer.text)
  }
  return allValid ? 0 : 2
}
