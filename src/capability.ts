import type { Hono } from 'hono'
import type { Config } from './config.ts'
import type { Db } from './db.ts'
import type { Clock } from './clock.ts'
import type { Logger } from './logger.ts'
import type { Feature, Nlu, Outbound } from './dialogue/types.ts'
import type { Places } from './places.ts'
import type { Audit } from './roles/audit.ts'
import type { LearnedUtterances } from './core/learned.ts'
import type { Limiter } from './limits.ts'
import type { ConsoleEnv, NavEntry } from './web/console/env.ts'
import type { Renderer } from './outbound/outbox.ts'
import type { AtomicBatch } from './db/batch.ts'

/**
 * What every capability is given: the shared services, built once by `createServices` (src/services.ts).
 * A capability never builds these itself and never knows which channel a message came from.
 */
export interface CapabilityDeps {
  config: Config
  db: Db
  clock: Clock
  logger: Logger
  nlu: Nlu
  /** The one outbound path: every message the bot sends to a contact goes through it. */
  outbound: Outbound
  /** The place tree: names, current communes, scope containment. */
  places: Places
  /** The one audit function: who did what to which record through which channel. */
  audit: Audit
  /** Questions officers labelled from the unanswered list. */
  learned: LearnedUtterances
  /** Rate limits shared through the database. */
  limiter: Limiter
  /** The bot's public origin (links sent by chat): PUBLIC_URL, or the local server's address. */
  publicOrigin: string
  /**
   * Zalo's template path (ZBS Template Message by UID with ZALO_REMINDER_TEMPLATE_ID), the one way to reach a Zalo
   * user outside the 7-day window; null when Zalo or the template is not configured.
   */
  zaloTemplate: ZaloTemplate | null
  /** Runs a group of statements all or nothing: D1's batch() on Workers, one SQLite transaction on Node. */
  batch: AtomicBatch
}

/**
 * The configured Zalo template. A message uses it as a Reply with `template` (its parameters), queued through the
 * outbox like every other message; the Zalo sender sends it with this template id.
 */
export interface ZaloTemplate {
  templateId: string
}

/** A scheduled task: run by the Workers cron trigger, the Node timer and `npm run tick`; returns a JSON summary. */
export type ScheduledTask = (ctx: { now: Date }) => Promise<unknown>

/**
 * One capability of the bot: what it adds to the chat, to the scheduled job, to the HTTP routes and to the officer
 * console. Its texts live in its own locale namespace (`locales/<lang>/<name>.json`, see its `texts.ts`).
 * Adding a capability is a new folder plus one line in src/capabilities.ts.
 */
export interface Capability {
  name: string
  /** Intents, buttons, flows, slash commands and menu entries (see dialogue/types.ts). */
  chat?: Feature
  /** Scheduled tasks by name (names are unique across capabilities). */
  tasks?: Record<string, ScheduledTask>
  /**
   * Renderers of queued messages by name, registered as `<capability name>.<name>`: `outbound.send(contactId,
   * { render: 'reminders.reminder', data }, …)` is rendered by the `reminder` renderer of `reminders` when it is sent,
   * in the recipient's locale. Returning [] cancels the message.
   */
  renderers?: Record<string, Renderer>
  /** HTTP routes mounted at the root (public pages, `/api/...`). */
  routes?: (app: Hono) => void
  /**
   * JSON routes for tools, mounted under /api/admin behind `Authorization: Bearer $ADMIN_TOKEN` or a console
   * session; `c.var.actor` is who called.
   */
  api?: (app: Hono<ConsoleEnv>) => void
  /** Officer-console pages, mounted under /admin behind sign-in; `c.var.actor` is the signed-in person. */
  console?: {
    nav?: NavEntry[]
    routes: (app: Hono<ConsoleEnv>) => void
    /**
     * Routes (paths under /admin) that take larger bodies than a form (a file upload) and check their own size on
     * the route, so they can answer with a page that says what to do. `maxBytes` is the whole request body's
     * largest size (the file plus the form's other fields and the multipart framing); the app-wide body limit is
     * raised on this path only (to twice this, so that the route's own page answers a file near the limit).
     */
    uploads?: readonly { path: string; maxBytes: number }[]
  }
}

/** A capability as listed in src/capabilities.ts: built once from the shared services. */
export type CapabilityFactory = (deps: CapabilityDeps) => Capability
