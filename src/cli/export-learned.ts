import fs from 'node:fs'
import path from 'node:path'
import { INTENT_IDS } from '../nlu/types.ts'
import { openNodeRuntime, projectRoot } from './node-runtime.ts'

interface Learned {
  text: string
  intent: string
}

/**
 * `npm run nlu:export-learned [-- rows.json]`: merges the questions officers labelled on the officer page into
 * locales/vi/nlu/learned.json, from the Node database or from a JSON file of rows (`[{text,intent}]`, e.g. the
 * output of `wrangler d1 execute … --json` for the D1 database). Then `npm run nlu:train` rebuilds the model.
 * The newest label of a text wins.
 */
export async function runExportLearned(argv: string[] = process.argv.slice(3)): Promise<number> {
  let rows: Learned[]
  if (argv[0]) {
    const parsed = JSON.parse(fs.readFileSync(argv[0], 'utf8')) as unknown
    // wrangler's --json output is [{ results: [...] }]; a plain array of rows works too.
    const list = Array.isArray(parsed) && parsed.length > 0 && typeof parsed[0] === 'object' && parsed[0] !== null && 'results' in parsed[0] ? (parsed[0] as { results: unknown[] }).results : parsed
    rows = (Array.isArray(list) ? list : []).filter((r): r is Learned => typeof r === 'object' && r !== null && typeof (r as Learned).text === 'string' && typeof (r as Learned).intent === 'string')
  } else {
    const { db } = openNodeRuntime()
    rows = await db.trainingUtterance.findMany({ select: { text: true, intent: true }, orderBy: { id: 'asc' } })
    await db.$disconnect()
  }
  const file = path.join(projectRoot, 'locales/vi/nlu/learned.json')
  const existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Learned[]
  const byText = new Map(existing.map((r) => [r.text, r]))
  let added = 0
  for (const row of rows) {
    if (!(INTENT_IDS as readonly string[]).includes(row.intent)) continue
    const before = byText.get(row.text)
    if (!before || before.intent !== row.intent) added++
    byText.set(row.text, { text: row.text, intent: row.intent })
  }
  fs.writeFileSync(file, JSON.stringify([...byText.values()], null, 2) + '\n')
  console.log(`${added} new or changed labelled question(s); ${byText.size} in locales/vi/nlu/learned.json. Next: npm run nlu:train`)
  return 0
}
