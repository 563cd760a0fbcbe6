import type { TestProject } from 'vitest/node'
import { startTelegramStandIn } from '../support/telegram-standin.ts'
import { startStandIn } from '../support/standin.ts'
import { largeHouseholdList } from '../support/households.ts'
import { xlsxBytes } from '../support/spreadsheets.ts'

/**
 * Runs in Node before the workerd tests: a stand-in Telegram Bot API the Worker calls, and a small read-out server
 * the tests inside workerd use to see what the stand-in recorded, and test files workerd cannot write itself.
 */
export default async function setup(project: TestProject) {
  const telegram = await startTelegramStandIn()
  const readout = await startStandIn((call) => {
    if (call.path.startsWith('/reset')) {
      telegram.calls.length = 0
      return { body: { ok: true } }
    }
    return { body: telegram.calls.map((c) => ({ path: c.path, body: c.body })) }
  })
  project.provide('telegramApiRoot', telegram.url)
  project.provide('telegramCallsUrl', readout.url)
  project.provide('householdsXlsxBase64', Buffer.from(await xlsxBytes(largeHouseholdList(4000))).toString('base64'))
  return async () => {
    await telegram.close()
    await readout.close()
  }
}
