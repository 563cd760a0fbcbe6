import { parseArgs } from 'node:util'
import { fixedClock, systemClock } from '../clock.ts'
import { openNodeServices } from '../cli/node-runtime.ts'
import { materialiseCalendar, seedCalendar } from './calendar.ts'
import { runReminders } from './dispatch.ts'

/**
 * `npm run -s reminders -- --now <ISO 8601>`: plans and dispatches every reminder due at that instant, as if the
 * clock said so, on the Node database and the configured channels; prints `{"sent","skipped","failed",
 * "undeliverable"}`. A second run at the same instant sends nothing (each delivery is claimed once).
 * `npm run -s reminders -- --seed-calendar`: writes the review calendar's rules for the served communes (idempotent)
 * and makes their occurrences of the coming weeks; prints `{"rules","communes","events"}`.
 */
export async function runRemindersCli(argv: string[] = process.argv.slice(3)): Promise<number> {
  let now: Date | undefined
  let seed = false
  try {
    const { values } = parseArgs({ args: argv, options: { now: { type: 'string' }, 'seed-calendar': { type: 'boolean' } } })
    seed = values['seed-calendar'] === true
    if (values.now !== undefined) {
      now = new Date(values.now)
      if (Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(values.now)) throw new Error(`--now must be an ISO 8601 date-time, got "${values.now}"`)
    }
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\nusage: npm run -s reminders -- [--now <ISO 8601>] [--seed-calendar]`)
    return 2
  }
  const services = openNodeServices({ clock: now ? fixedClock(now) : systemClock })
  try {
    const at = now ?? new Date()
    if (seed) {
      const result = await seedCalendar(services.db, services.places)
      const events = await materialiseCalendar(services.db, at)
      console.log(JSON.stringify({ ...result, events }))
      return 0
    }
    const cap = services.capabilities.find((c) => c.name === 'reminders')
    const deps = { db: services.db, places: services.places, outbound: services.outbound, logger: services.logger, zaloTemplate: null }
    const summary = cap?.tasks?.reminders ? await cap.tasks.reminders({ now: at }) : await runReminders(deps, at)
    console.log(JSON.stringify(summary))
    return 0
  } finally {
    await services.close()
  }
}
