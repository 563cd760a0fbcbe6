import type { CapabilityFactory } from '../capability.ts'
import type { Feature, Handler, TurnContext, TurnResult } from '../dialogue/types.ts'
import { t } from '../i18n.ts'
import { vnDate } from '../clock.ts'
import { L } from '../web/console/layout.tsx'
import { createEligibilityFeature } from './conversation.ts'
import { FLOW, readState } from './state.ts'
import './texts.ts'

/**
 * What of a check turn is kept in the recent conversation: a placeholder, never the typed income, household size
 * or answers about the home (the hand-over transcript and the database never hold them).
 */
function redaction(ctx: TurnContext): NonNullable<TurnResult['redact']> {
  const state = ctx.flow?.name === FLOW ? readState(ctx.flow.state) : null
  const step = state && state.at !== 'consent' ? state.at : null
  const key = step === 'income' ? 'recorded_income' : step === 'members' ? 'recorded_members' : step ? 'recorded_answer' : 'recorded_start'
  return { user: t(ctx.locale, `eligibility.${key}`), bot: t(ctx.locale, 'eligibility.recorded_bot') }
}

/** Every turn the check handles is stored redacted. */
function redacted(feature: Feature): Feature {
  const wrap =
    <C extends TurnContext>(h: (ctx: C) => Promise<TurnResult | null> | TurnResult | null) =>
    async (ctx: C) => {
      const result = await h(ctx)
      return result ? { ...result, redact: result.redact ?? redaction(ctx) } : result
    }
  const map = <H,>(record: Record<string, H> | undefined, f: (h: H) => H) => (record ? Object.fromEntries(Object.entries(record).map(([k, h]) => [k, f(h)])) : undefined)
  return {
    ...feature,
    intents: map(feature.intents as Record<string, Handler>, (h) => wrap(h) as Handler),
    buttons: map(feature.buttons, (h) => wrap(h) as Handler),
    flows: map(feature.flows, (h) => wrap(h)),
  } as Feature
}

/**
 * The quick eligibility check (beside the poverty rules it uses, src/poverty), and on the console the anonymous
 * count of checks of the last 30 days in the officer's communes.
 */
export const eligibility: CapabilityFactory = (deps) => ({
  name: 'eligibility',
  chat: redacted(createEligibilityFeature(deps)),
  console: {
    nav: [{ path: '/checks', labelKey: 'admin.nav_checks', order: 50 }],
    routes(app) {
      app.get('/checks', async (c) => {
        const since = vnDate(new Date(deps.clock.now().getTime() - 30 * 86_400_000))
        const codes = await deps.places.codesIn(c.var.actor.scope)
        const checks = await deps.db.eligibilityCheckStat.groupBy({
          by: ['category'],
          where: { day: { gte: since }, ...(codes === 'all' ? {} : { placeCode: { in: [...codes] } }) },
          _sum: { count: true },
        })
        return c.html(
          c.var.page(t(L, 'admin.checks_title'), (
            <>
              {checks.length === 0 ? (
                <p>{t(L, 'admin.none_yet')}</p>
              ) : (
                <div class="cards">
                  {checks.map((row) => (
                    <div class="card">
                      <small>{t(L, `admin.cat_${row.category}`)}</small>
                      <b>{row._sum.count ?? 0}</b>
                      <small>{t(L, 'admin.count')}</small>
                    </div>
                  ))}
                </div>
              )}
            </>
          )),
        )
      })
    },
  },
})
