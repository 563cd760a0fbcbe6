import { createInterface } from 'node:readline'
import { PLACES, placeNames } from '../../prisma/seed/places.ts'
import { createNlu } from './index.ts'
import type { Understanding } from './types.ts'

/**
 * `npm run -s nlu`: one message per input line, one JSON line per message, in order:
 * {"text","intent","confidence","entities":{"amountsVnd":[…],"rejectedAmounts":[…],"members":n,"date":"ISO","place":"code",
 * "personName":"Ksor H'Bian","householdCode":"HN-023"}}
 * (entities that are absent are omitted). Never prints a stack trace.
 */

function outputLine(u: Understanding): string {
  const e = u.entities
  const entities: Record<string, unknown> = {}
  if (e.amountsVnd) entities.amountsVnd = e.amountsVnd
  if (e.rejectedAmounts) entities.rejectedAmounts = e.rejectedAmounts
  if (e.members !== undefined) entities.members = e.members
  if (e.date !== undefined) entities.date = e.date
  if (e.place !== undefined) entities.place = e.place
  if (e.personName !== undefined) entities.personName = e.personName
  if (e.householdCode !== undefined) entities.householdCode = e.householdCode
  return JSON.stringify({ text: u.text, intent: u.intent, confidence: u.confidence, entities })
}

async function write(output: NodeJS.WritableStream, text: string): Promise<void> {
  if (!output.write(text)) await new Promise<void>((resolve) => output.once('drain', () => resolve()))
}

/**
 * Runs the NLU over `input` line by line and writes JSON lines to `output`. Resolves to the exit code: 0, or
 * 1 if reading or writing failed (reported as one JSON line, not a stack trace).
 *
 * @param opts.now the "now" for relative dates (default: the current time)
 */
export async function runNluCli(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, opts: { now?: Date } = {}): Promise<number> {
  const nlu = createNlu({ places: placeNames(PLACES) })
  try {
    const lines = createInterface({ input, crlfDelay: Infinity })
    for await (const line of lines) {
      await write(output, `${outputLine(nlu.understand(line, opts.now ?? new Date()))}\n`)
    }
    return 0
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    try {
      output.write(`${JSON.stringify({ error: { message } })}\n`)
    } catch {
      // The output itself is gone; the exit code is all that is left to report.
    }
    return 1
  }
}
