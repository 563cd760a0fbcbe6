import { parseArgs } from 'node:util'
import { fixedClock, systemClock } from '../clock.ts'
import { openNodeServices } from './node-runtime.ts'

/**
 * `npm run -s tick -- [--now <ISO 8601>]`: the scheduled job once, as if the clock said `--now`, on the Node
 * database and with the configured channels; prints one JSON object, each task's outcome by name.
 */
export async function runTick(argv: string[] = process.argv.slice(3)): Promise<number> {
  let now: Date | undefined
  try {
    const { values } = parseArgs({ args: argv, options: { now: { type: 'string' } } })
    if (values.now !== undefined) {
      now = new Date(values.now)
      if (Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(values.now)) throw new Error(`--now must be an ISO 8601 date-time, got "${values.now}"`)
    }
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\nusage: npm run -s tick -- [--now <ISO 8601>]`)
    return 2
  }
  const services = openNodeServices({ clock: now ? fixedClock(now) : systemClock })
  try {
    const tasks = await services.runScheduled(now)
    console.log(JSON.stringify({ now: (now ?? new Date()).toISOString(), tasks }))
    return Object.values(tasks).every((t) => t.status === 'ok') ? 0 : 1
  } finally {
    await services.close()
  }
}
