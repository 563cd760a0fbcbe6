import type { Db } from './db.ts'
import type { Clock } from './clock.ts'
import type { Logger } from './logger.ts'
import { purgeProcessedMessages } from './dialogue/dedupe.ts'
import { purgeRateLimits } from './dialogue/rate-limit.ts'
import { dispatchOutbox, type Senders } from './outbound/outbox.ts'

export interface ScheduledDeps {
  db: Db
  clock: Clock
  logger: Logger
  senders: Senders
}

/** How long inbound message keys are kept: well past Telegram's and Zalo's redelivery horizons. */
const DEDUPE_RETENTION_MS = 7 * 24 * 3600_000

/**
 * The periodic job: Workers' cron trigger and the Node in-process timer both call this. Each task is independent
 * and a failing one does not stop the others. Later capabilities (reminder dispatch, token refresh) add tasks here.
 */
export async function runScheduled(deps: ScheduledDeps): Promise<{ tasks: Record<string, 'ok' | 'failed'> }> {
  const now = deps.clock.now()
  const tasks: Record<string, () => Promise<unknown>> = {
    purgeProcessedMessages: () => purgeProcessedMessages(deps.db, new Date(now.getTime() - DEDUPE_RETENTION_MS)),
    purgeRateLimits: () => purgeRateLimits(deps.db, now),
    retryOutbox: () => dispatchOutbox({ db: deps.db, senders: deps.senders, logger: deps.logger, now }),
  }
  const results: Record<string, 'ok' | 'failed'> = {}
  for (const [name, task] of Object.entries(tasks)) {
    try {
      await task()
      results[name] = 'ok'
    } catch (err) {
      deps.logger.error('scheduled.task_failed', { task: name, err })
      results[name] = 'failed'
    }
  }
  deps.logger.info('scheduled.ran', { tasks: results })
  return { tasks: results }
}
