import type { CapabilityDeps } from '../capability.ts'
import type { Button, Reply } from '../messages.ts'
import type { Feature, FlowHandler, TurnContext, TurnResult } from '../dialogue/types.ts'
import { officersOnly, officersOnlyReply, type OfficerContext } from '../dialogue/guards.ts'
import { isOfficer, type Scope } from '../roles/actor.ts'
import { t, type Locale } from '../i18n.ts'
import { vnDate } from '../clock.ts'
import { parseHouseholdAsk, parseStatsAsk, type LookupEntities, type StatsAsk } from './ask.ts'
import { findHouseholds, householdById, type FindResult } from './find.ts'
import { matchLabel, renderCompare, renderFind, renderPublicStats, renderStats, renderWhatIf } from './render.ts'
import type { Allowed } from './scope.ts'
import { computeStats, publicFigures, type Level } from './stats.ts'
import { whatIf2027 } from './whatif.ts'
import './texts.ts'

/**
 * The register by chat: `lookup.household` (by code, or name and village; several matches → buttons) for officers
 * of the household's area only, and `lookup.stats` (counts and rates with a text bar chart and the change from the
 * year before; the 2027 what-if when the message is about 2027 or the new standard). Reported figures are public:
 * anyone may have them. Every household shown is audit-logged; the turns are kept in the recent conversation only
 * as placeholders, so no name or category reaches a hand-over transcript.
 */

/** Waiting for the name or code after "tra cứu hộ". */
const FIND_FLOW = 'lookup.find'
/** The last statistics asked, so "so sánh với năm ngoái" and the buttons know what to compare. */
const STATS_FLOW = 'lookup.stats'
const FIND_TTL_MS = 5 * 60_000
const STATS_TTL_MS = 15 * 60_000
/** Places shown in a chat chart: more do not read on a phone (the console has them all). */
const CHAT_MAX_PLACES = 12
const CHAT_MAX_CHANGED = 10

type Deps = Pick<CapabilityDeps, 'db' | 'places' | 'audit' | 'logger'>

interface StatsState {
  level?: Level
  year?: number
  placeCode?: string
}

function readStatsState(value: unknown): StatsState {
  if (!value || typeof value !== 'object') return {}
  const v = value as Record<string, unknown>
  const out: StatsState = {}
  if (v.level === 'village' || v.level === 'commune' || v.level === 'district') out.level = v.level
  if (typeof v.year === 'number' && Number.isInteger(v.year)) out.year = v.year
  if (typeof v.placeCode === 'string' && v.placeCode.length < 200) out.placeCode = v.placeCode
  return out
}

const redactFind = (locale: Locale) => ({ user: t(locale, 'lookup.chat.recordedAsk'), bot: t(locale, 'lookup.chat.recordedHousehold') })

export function createLookupFeature(deps: Deps): Feature {
  const { db, places } = deps

  const allowedFor = (scope: Scope): Promise<Allowed> => places.codesIn(scope)
  const audit = (ctx: TurnContext, action: string, subject: string, detail?: string) =>
    deps.audit(ctx.actor, { action, subject, channel: ctx.inbound.channel, at: ctx.now, ...(detail ? { detail } : {}) })

  // —— households ——

  async function answerFind(ctx: OfficerContext, result: FindResult, query: string, via: string): Promise<TurnResult> {
    if (via === 'button' && result.kind === 'none') {
      await audit(ctx, 'household.search', 'count:0', via)
      return { replies: [{ text: t(ctx.locale, 'lookup.find.gone') }], session: { clear: true }, redact: redactFind(ctx.locale) }
    }
    if (result.kind === 'one') await audit(ctx, 'household.view', `household:${result.household.id}`, via)
    else if (result.kind !== 'tooShort') await audit(ctx, 'household.search', `count:${result.kind === 'many' ? result.total : 0}`, via)
    const reply: Reply = { text: renderFind(result, query, ctx.locale) }
    if (result.kind === 'many') reply.buttons = result.matches.map((m) => ({ label: matchLabel(m), value: `lookup:h:${m.id}` }))
    const session = result.kind === 'tooShort' ? { flow: FIND_FLOW, state: {}, ttlMs: FIND_TTL_MS } : { clear: true as const }
    return { replies: [reply], session, redact: redactFind(ctx.locale) }
  }

  async function lookupText(ctx: OfficerContext, text: string): Promise<TurnResult> {
    const ask = parseHouseholdAsk(text, (ctx.understanding?.entities ?? {}) as LookupEntities)
    const allowed = await allowedFor(ctx.actor.scope)
    if (ask.code) return answerFind(ctx, await findHouseholds(db, allowed, { code: ask.code }), ask.code, 'code')
    const name = ask.name ?? ''
    const result = await findHouseholds(db, allowed, { name, ...(ask.village ? { village: ask.village } : {}) })
    return answerFind(ctx, result, ask.village ? `${name}, ${ask.village}` : name, 'name')
  }

  const household = officersOnly((ctx) => lookupText(ctx, ctx.text ?? ''))

  const findFlow: FlowHandler = async (ctx) => {
    if (!ctx.text) return null
    if (!isOfficer(ctx.actor)) return { ...officersOnlyReply(ctx), session: { clear: true } }
    // Another clear request ("cảm ơn", "thống kê hộ nghèo") is not a name: let it be routed.
    const u = ctx.understanding
    if (u && u.intent !== 'lookup.household' && u.intent !== 'out_of_scope' && u.confidence >= 0.9) return null
    return lookupText(ctx as OfficerContext, ctx.text)
  }

  const householdButton = officersOnly(async (ctx) => {
    const id = Number(ctx.button?.parts[2])
    const result = await householdById(db, await allowedFor(ctx.actor.scope), id)
    // Outside the area reads exactly as missing.
    return answerFind(ctx, result, '', 'button')
  })

  // —— statistics ——

  /** The level to show when none was asked: villages within a commune or village, communes above. */
  async function defaultLevel(scope: Scope, placeCode: string | undefined): Promise<Level> {
    const code = placeCode ?? (scope.kind === 'place' ? scope.placeCode : null)
    if (!code) return 'commune'
    const kind = (await places.get(code))?.kind
    return kind === 'district' || kind === 'province' ? 'commune' : 'village'
  }

  function statsButtons(ctx: TurnContext, level: Level, officer: boolean, hasPrevious: boolean): Button[] {
    const buttons: Button[] = []
    if (officer && hasPrevious) buttons.push({ label: t(ctx.locale, 'lookup.chat.buttonCompare'), value: 'lookup:cmp' })
    if (officer && level !== 'village') buttons.push({ label: t(ctx.locale, 'lookup.chat.buttonByVillage'), value: 'lookup:lvl:village' })
    if (officer && level === 'village') buttons.push({ label: t(ctx.locale, 'lookup.chat.buttonByCommune'), value: 'lookup:lvl:commune' })
    if (officer) buttons.push({ label: t(ctx.locale, 'lookup.chat.buttonWhatIf'), value: 'lookup:whatif' })
    return buttons
  }

  async function statsTurn(ctx: TurnContext, ask: StatsAsk, remembered: StatsState = {}): Promise<TurnResult> {
    if (ask.whatIf) return whatIfTurn(ctx, ask.placeCode ?? remembered.placeCode)
    const placeCode = ask.placeCode ?? remembered.placeCode
    const year = ask.year ?? remembered.year
    if (!isOfficer(ctx.actor)) {
      // Reported figures are public; the imported register is for the officers of its area.
      const figures = await publicFigures(db, { ...(year !== undefined ? { year } : {}), ...(placeCode ? { placeCode } : {}) })
      return { replies: [{ text: renderPublicStats(figures, ctx.locale, year), buttons: ctx.menu() }] }
    }
    const scope = ctx.actor.scope
    if (placeCode && !(await places.contains(scope, placeCode))) {
      const figures = await publicFigures(db, { ...(year !== undefined ? { year } : {}), placeCode })
      const text = [t(ctx.locale, 'lookup.chat.outsideArea', { place: await places.name(placeCode) }), renderPublicStats(figures, ctx.locale, year)].join('\n')
      return { replies: [{ text }] }
    }
    const level = ask.level ?? remembered.level ?? (await defaultLevel(scope, placeCode))
    const allowed = await allowedFor(scope)
    const stats = await computeStats(db, allowed, { level, ...(year !== undefined ? { year } : {}), ...(placeCode ? { placeCode } : {}) })
    const text = ask.compare ? renderCompare(stats, ctx.locale, CHAT_MAX_PLACES) : renderStats(stats, ctx.locale, { maxPlaces: CHAT_MAX_PLACES })
    const state: StatsState = { level, ...(stats.year !== null ? { year: stats.year } : {}), ...(placeCode ? { placeCode } : {}) }
    return {
      replies: [{ text, buttons: statsButtons(ctx, level, true, Boolean(stats.total?.previous) && !ask.compare) }],
      session: { flow: STATS_FLOW, state, ttlMs: STATS_TTL_MS },
    }
  }

  async function whatIfTurn(ctx: TurnContext, placeCode: string | undefined): Promise<TurnResult> {
    if (!isOfficer(ctx.actor)) return officersOnlyReply(ctx)
    const scope = ctx.actor.scope
    if (placeCode && !(await places.contains(scope, placeCode))) {
      return { replies: [{ text: t(ctx.locale, 'lookup.chat.outsideArea', { place: await places.name(placeCode) }) }] }
    }
    const w = await whatIf2027(db, places, await allowedFor(scope), placeCode ? { placeCode } : {})
    await audit(ctx, 'whatif.view', `count:${w.changed.length}`, `year:${w.year ?? 'none'}`)
    return {
      replies: [{ text: renderWhatIf(w, ctx.locale, { maxChanged: CHAT_MAX_CHANGED }) }],
      // The households that change are named: keep a placeholder in the recent conversation.
      redact: { user: ctx.text ?? t(ctx.locale, 'core.tapped_button'), bot: t(ctx.locale, 'lookup.chat.recordedWhatIf') },
    }
  }

  const thisYear = (ctx: TurnContext) => Number(vnDate(ctx.now).slice(0, 4))
  const entitiesOf = (ctx: TurnContext) => (ctx.understanding?.entities ?? {}) as LookupEntities

  const stats = (ctx: TurnContext) => statsTurn(ctx, parseStatsAsk(ctx.text ?? '', entitiesOf(ctx), thisYear(ctx)))

  /** Follow-ups to the last statistics ("so sánh với năm ngoái", "năm 2024 thì sao", "theo xã"); anything else is routed. */
  const statsFlow: FlowHandler = async (ctx) => {
    if (!ctx.text || ctx.button) return null
    const ask = parseStatsAsk(ctx.text, entitiesOf(ctx), thisYear(ctx))
    const followUp = ask.compare || ask.whatIf || ask.level !== undefined || (ask.year !== undefined && ctx.text.length < 40)
    const intent = ctx.understanding?.intent
    if (!followUp || (intent !== undefined && intent !== 'out_of_scope' && intent !== 'lookup.stats')) return null
    return statsTurn(ctx, ask, readStatsState(ctx.flow.state))
  }

  const rememberedOf = (ctx: TurnContext): StatsState => {
    const flow = ctx.flow ?? ctx.storedFlow
    return flow?.name === STATS_FLOW ? readStatsState(flow.state) : {}
  }

  return {
    name: 'lookup',
    intents: {
      'lookup.household': household,
      'lookup.stats': stats,
    },
    buttons: {
      lookup: (ctx) => {
        const [, what, arg] = ctx.button?.parts ?? []
        const none: StatsAsk = { compare: false, most: false, whatIf: false }
        switch (what) {
          case 'h':
            return householdButton(ctx)
          case 'cmp':
            return statsTurn(ctx, { ...none, compare: true }, rememberedOf(ctx))
          case 'lvl':
            return statsTurn(ctx, { ...none, ...(arg === 'village' || arg === 'commune' || arg === 'district' ? { level: arg } : {}) }, { ...rememberedOf(ctx), level: undefined })
          case 'whatif':
            return whatIfTurn(ctx, rememberedOf(ctx).placeCode)
          default:
            return stats(ctx)
        }
      },
    },
    flows: { [FIND_FLOW]: findFlow, [STATS_FLOW]: statsFlow },
  }
}
