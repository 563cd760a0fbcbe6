/**
 * `npm run bench` — every benchmark, side by side in one run, on this machine. Pass names to run some only:
 * `npm run bench -- foundation nlu`. Prints each section's figures as JSON (medians, percentiles, budgets).
 */
import fs from 'node:fs'
import path from 'node:path'

const dir = path.resolve(import.meta.dirname, '../test/bench')
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort()
const wanted = process.argv.slice(2)
const sections = wanted.length > 0 ? wanted : available
const unknown = sections.filter((s) => !available.includes(s))
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`)
  process.exit(64)
}

const results: Record<string, unknown> = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length, at: new Date().toISOString() } }
for (const name of sections) {
  const mod = (await import(path.join(dir, `${name}.bench.ts`))) as { run(): Promise<Record<string, unknown>> }
  const started = Date.now()
  console.error(`[bench] ${name}…`)
  results[name] = await mod.run()
  console.error(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  console.log(JSON.stringify({ [name]: results[name] }, null, 2))
}
fs.mkdirSync(path.resolve(import.meta.dirname, '../.data'), { recursive: true })
fs.writeFileSync(path.resolve(import.meta.dirname, '../.data/bench-latest.json'), JSON.stringify(results, null, 2))
