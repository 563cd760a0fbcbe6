import type { Hono } from 'hono'
import type { CapabilityDeps } from '../capability.ts'
import type { ConsoleEnv } from '../web/console/env.ts'
import { findHouseholds, householdById } from './find.ts'
import { computeStats, type Level } from './stats.ts'

/**
 * The register as JSON under /api/admin, for tools (admin token or a console session): the same scoped lookups as
 * the chat and the page, audit-logged the same way (channel `api`).
 * - `GET /households?code=…` or `?name=…&village=…`, `GET /households/:id`
 * - `GET /statistics?level=village|commune|district&year=2025`
 */
export function lookupApi(deps: Pick<CapabilityDeps, 'db' | 'places' | 'audit' | 'clock'>): (app: Hono<ConsoleEnv>) => void {
  const { db, places } = deps
  return (app) => {
    app.get('/households', async (c) => {
      const actor = c.var.actor
      const allowed = await places.codesIn(actor.scope)
      const code = c.req.query('code')?.slice(0, 40)
      const name = c.req.query('name')?.slice(0, 100)
      const village = c.req.query('village')?.slice(0, 100)
      if (!code && !name) return c.json({ error: { code: 'bad_request', message: 'code or name is required' } }, 400)
      const result = code ? await findHouseholds(db, allowed, { code }) : await findHouseholds(db, allowed, { name: name ?? '', ...(village ? { village } : {}) })
      const now = deps.clock.now()
      if (result.kind === 'one') await deps.audit(actor, { action: 'household.view', subject: `household:${result.household.id}`, channel: 'api', detail: code ? 'code' : 'name', at: now })
      else if (result.kind !== 'tooShort') await deps.audit(actor, { action: 'household.search', subject: `count:${result.kind === 'many' ? result.total : 0}`, channel: 'api', detail: code ? 'code' : 'name', at: now })
      return c.json(result)
    })
    app.get('/households/:id{[0-9]+}', async (c) => {
      const actor = c.var.actor
      const result = await householdById(db, await places.codesIn(actor.scope), Number(c.req.param('id')))
      if (result.kind !== 'one') return c.json({ error: { code: 'not_found', message: 'no such household in your area' } }, 404)
      await deps.audit(actor, { action: 'household.view', subject: `household:${result.household.id}`, channel: 'api', detail: 'id', at: deps.clock.now() })
      return c.json(result)
    })
    app.get('/statistics', async (c) => {
      const level = (['village', 'commune', 'district'] as const).find((l) => l === c.req.query('level')) ?? ('commune' as Level)
      const year = Number(c.req.query('year'))
      const stats = await computeStats(db, await places.codesIn(c.var.actor.scope), { level, ...(Number.isInteger(year) && year > 1990 ? { year } : {}) })
      return c.json(stats)
    })
  }
}
