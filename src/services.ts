import type { Context } from 'hono'
import type { Bot } from 'grammy'
import type { Config } from './config.ts'
import type { Db } from './db.ts'
import type { Clock } from './clock.ts'
import type { Logger } from './logger.ts'
import type { Nlu } from './dialogue/types.ts'
import { isDatabaseBusy } from './db/busy.ts'
import type { Capability, CapabilityDeps, CapabilityFactory } from './capability.ts'
import type { ChannelName, ChannelSender } from './messages.ts'
import { CAPABILITIES } from './capabilities.ts'
import { createDialogue, type Dialogue } from './dialogue/engine.ts'
import { purgeProcessedMessages } from './dialogue/dedupe.ts'
import { purgeOldSessions } from './dialogue/session.ts'
import { createInboundQueue, type InboundQueue } from './dialogue/inbound-queue.ts'
import { createLimiter, type Limiter } from './limits.ts'
import { createPlaces, type Places } from './places.ts'
import { createAudit, type Audit } from './roles/audit.ts'
import { createLearnedUtterances, type LearnedUtterances } from './core/learned.ts'
import { createOutbound, type OutboundService } from './outbound/outbound.ts'
import { prismaBatch, type AtomicBatch } from './db/batch.ts'
import { nodeSqliteOf, type DbHealth } from './db/node.ts'
import { attachTelegramHandlers, createTelegramBot, createTelegramSender } from './channels/telegram/bot.ts'
import { createPacer, TELEGRAM_PACE } from './outbound/pace.ts'
import { ZaloClient } from './channels/zalo/client.ts'
import { dbZaloTokenStore } from './channels/zalo/tokens.ts'
import { createZaloSender } from './channels/zalo/sender.ts'

export interface ServiceDeps {
  config: Config
  db: Db
  clock: Clock
  logger: Logger
  nlu: Nlu
  /** Keeps work that outlives a response alive on Node (Workers uses waitUntil instead). */
  defer: (task: Promise<unknown>) => void
  /** The capabilities to build instead of the full list (tests of one capability or of the engine). */
  capabilities?: readonly CapabilityFactory[]
  /** Atomic batches of writes: the Worker passes D1's; a Node database (`createNodeDb`) brings its own. */
  batch?: AtomicBatch
  /** How long one call to a channel's API may take before it counts as failed (default 10 s). */
  sendTimeoutMs?: number
  /** Right after a turn, retry a short failure once in place (default true; the benchmark compares). */
  quickRetry?: boolean
}

/** One scheduled task's outcome in a run of the scheduled job (`npm run tick` prints these). */
export type TaskOutcome = { status: 'ok'; result: unknown; ms: number } | { status: 'failed'; error: string; ms: number }

export interface Services {
  config: Config
  db: Db
  clock: Clock
  logger: Logger
  nlu: Nlu
  defer: (task: Promise<unknown>) => void
  places: Places
  audit: Audit
  limiter: Limiter
  learned: LearnedUtterances
  /** Senders per enabled channel. */
  senders: Partial<Record<ChannelName, ChannelSender>>
  /** The one outbound path. */
  outbound: OutboundService
  /** Atomic batches of writes (the turn's transaction). */
  batch: AtomicBatch
  /** The database as /healthz reports it: up, busy (the write lock stays taken), missing (file deleted), down. */
  dbHealth(): Promise<DbHealth>
  /** The Telegram bot (for its webhook route), when the channel is enabled. */
  telegramBot: Bot | null
  capabilities: Capability[]
  dialogue: Dialogue
  /** Inbound events stored before they are processed (Zalo). */
  inboundQueue: InboundQueue
  /** Runs every scheduled task once, as if the clock said `now` (the cron trigger, the Node timer, `npm run tick`). */
  runScheduled(now?: Date): Promise<Record<string, TaskOutcome>>
}

/** How long inbound message keys are kept: well past Telegram's and Zalo's redelivery horizons. */
const DEDUPE_RETENTION_MS = 7 * 24 * 3600_000

/**
 * The one composition root: channels and senders, the outbound path, the shared services, every capability and the
 * dialogue, built once. The HTTP app (both runtimes), the scheduled job, the shell and the command-line tools all
 * start from here, so they cannot be wired differently.
 */
export function createServices(deps: ServiceDeps): Services {
  const { config, db, clock, logger } = deps
  const senders: Services['senders'] = {}
  let zaloTemplate: CapabilityDeps['zaloTemplate'] = null
  const sendTimeoutMs = deps.sendTimeoutMs ?? 10_000
  const telegramBot = config.telegram ? createTelegramBot(config.telegram, { timeoutSeconds: sendTimeoutMs / 1000 }) : null
  // A raised rate (a bot Telegram allows more, or a benchmark) keeps a burst of a thirtieth of a second's worth.
  if (telegramBot && config.telegram) senders.telegram = createTelegramSender(telegramBot, createPacer({ ...TELEGRAM_PACE, perSecond: config.telegram.maxPerSecond, burst: Math.max(TELEGRAM_PACE.burst, Math.round(config.telegram.maxPerSecond / 30)) }))
  if (config.zalo) {
    const zalo = config.zalo
    const client = new ZaloClient({
      appId: zalo.appId,
      appSecret: zalo.appSecret,
      apiRoot: zalo.apiRoot,
      oauthRoot: zalo.oauthRoot,
      tokens: dbZaloTokenStore(db, { accessToken: zalo.accessToken, refreshToken: zalo.refreshToken }),
      timeoutMs: sendTimeoutMs,
    })
    const templateId = zalo.reminderTemplateId
    senders.zalo = createZaloSender(client, templateId ? { templateId } : {})
    if (templateId) zaloTemplate = { templateId }
  }

  const places = createPlaces(db)
  const audit = createAudit(db, logger)
  const limiter = createLimiter(db)
  const learned = createLearnedUtterances(db)
  const node = nodeSqliteOf(db)
  const batch = deps.batch ?? node?.batch ?? prismaBatch(db)
  const outbound = createOutbound({ db, senders, logger, clock, quickRetry: deps.quickRetry ?? true, batch })
  const publicOrigin = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`
  const capabilityDeps: CapabilityDeps = { config, db, clock, logger, nlu: deps.nlu, outbound, places, audit, learned, limiter, publicOrigin, zaloTemplate, batch }
  const capabilities = (deps.capabilities ?? CAPABILITIES).map((make) => make(capabilityDeps))
  for (const cap of capabilities) for (const [name, render] of Object.entries(cap.renderers ?? {})) outbound.register(`${cap.name}.${name}`, render)
  const dbHealth = node
    ? () => node.health()
    : async (): Promise<DbHealth> => {
        try {
          await db.$queryRawUnsafe('SELECT 1')
          return 'up'
        } catch (err) {
          return isDatabaseBusy(err) ? 'busy' : 'down'
        }
      }

  const dialogue = createDialogue({
    db,
    clock,
    logger,
    nlu: deps.nlu,
    limiter,
    learned,
    features: capabilities.flatMap((c) => (c.chat ? [c.chat] : [])),
    batch,
    // Channels without a sender (web chat, shell) are answered in the request itself.
    answersInline: (channel) => !senders[channel as ChannelName],
  })
  if (telegramBot && senders.telegram) attachTelegramHandlers(telegramBot, { dialogue, outbound, logger })
  const inboundQueue = createInboundQueue({ db, dialogue, outbound, logger, clock })

  // The engine's and the outbound path's own upkeep, then each capability's tasks.
  const tasks: Record<string, (ctx: { now: Date }) => Promise<unknown>> = {
    retryInbound: ({ now }) => inboundQueue.retryDue(now),
    retryOutbox: ({ now }) => outbound.dispatch(now),
    purgeProcessedMessages: ({ now }) => purgeProcessedMessages(db, new Date(now.getTime() - DEDUPE_RETENTION_MS)),
    purgeRateLimits: ({ now }) => limiter.purge(new Date(now.getTime() - 2 * 3600_000)),
    purgeOldConversations: ({ now }) => purgeOldSessions(db, now),
  }
  for (const cap of capabilities) {
    for (const [name, task] of Object.entries(cap.tasks ?? {})) {
      if (tasks[name]) throw new Error(`scheduled task "${name}" of ${cap.name} is already declared`)
      tasks[name] = task
    }
  }

  async function runScheduled(at?: Date): Promise<Record<string, TaskOutcome>> {
    const now = at ?? clock.now()
    const results: Record<string, TaskOutcome> = {}
    // Each task is independent: one failing does not stop the others.
    for (const [name, task] of Object.entries(tasks)) {
      const started = Date.now()
      try {
        results[name] = { status: 'ok', result: await task({ now }), ms: Date.now() - started }
      } catch (err) {
        logger.error('scheduled.task_failed', { task: name, err })
        results[name] = { status: 'failed', error: err instanceof Error ? err.name : 'error', ms: Date.now() - started }
      }
    }
    logger.info('scheduled.ran', { tasks: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.status])) })
    return results
  }

  return {
    config,
    db,
    clock,
    logger,
    nlu: deps.nlu,
    defer: deps.defer,
    places,
    audit,
    limiter,
    learned,
    senders,
    outbound,
    batch,
    dbHealth,
    telegramBot,
    capabilities,
    dialogue,
    inboundQueue,
    runScheduled,
  }
}

/** Lets the Zalo webhook run its work after the response (Workers: waitUntil; Node: the tracked defer). */
export type Background = (c: Context, task: Promise<unknown>) => void
