import { t } from '../i18n.ts'
import type { Button } from '../messages.ts'
import type { ActiveFlow, Feature, RecentTurn, TurnContext, TurnResult } from '../dialogue/types.ts'
import type { CapabilityDeps } from '../capability.ts'
import { isCancel } from '../dialogue/words.ts'
import { officersOnly, type OfficerContext } from '../dialogue/guards.ts'
import { answerHandover, officeName as officeNameOf, requestHandover } from './handover.ts'
import { shownText } from './transcript.tsx'
import './texts.ts'

/**
 * Contact and hand-over (issue #5): the commune office picked from the user's place (asked once, remembered), a
 * resident's question queued for the officers whose scope holds that commune, with the recent conversation, and
 * officers' answers sent back through the outbound path to the resident's own channel. The remembered commune is
 * only for the office card: it never changes anyone's role or scope (src/roles).
 */
const FLOW = 'contact'
const TTL_MS = 30 * 60_000

type ContactState =
  | { step: 'place'; then: 'office' | 'handover' }
  | { step: 'question'; placeCode: string }
  | { step: 'answer'; requestId: number }

type Deps = Pick<CapabilityDeps, 'db' | 'logger' | 'outbound' | 'places' | 'audit'>

type HandoverRow = { id: number; contactId: number; placeCode: string | null; status: string; transcript: string }

export function createContactFeature(deps: Deps): Feature {
  const { db, places } = deps

  async function placeButtons(): Promise<Button[]> {
    const communes = await places.servedCommunes()
    return communes.map((c) => ({ label: c.name.replace(/^xã /, ''), value: `contact:place:${c.code.split('/')[1]}` }))
  }

  async function askPlace(ctx: TurnContext, then: 'office' | 'handover'): Promise<TurnResult> {
    return {
      replies: [{ text: t(ctx.locale, 'contact.ask_place'), buttons: await placeButtons() }],
      session: { flow: FLOW, state: { step: 'place', then } satisfies ContactState, ttlMs: TTL_MS },
    }
  }

  async function officeCard(ctx: TurnContext, placeCode: string, remembered: boolean): Promise<TurnResult> {
    const office = await db.communeOffice.findUnique({ where: { placeCode } })
    const placeName = await places.name(placeCode)
    const missing = t(ctx.locale, 'contact.not_updated')
    const lines = [
      t(ctx.locale, 'contact.office_title', { name: office?.name ?? `UBND ${placeName}` }),
      t(ctx.locale, 'contact.office_address', { value: office?.address ?? missing }),
      t(ctx.locale, 'contact.office_phone', { value: office?.phone ?? missing }),
      t(ctx.locale, 'contact.office_hours', { value: office?.hours ?? missing }),
    ]
    if (!office?.address || !office.phone || !office.hours) lines.push('', t(ctx.locale, 'contact.office_missing_note'))
    if (remembered) lines.push('', t(ctx.locale, 'contact.remembered', { name: placeName }))
    return {
      replies: [
        {
          text: lines.join('\n'),
          buttons: [
            { label: t(ctx.locale, 'contact.button_handover'), value: 'contact:handover' },
            { label: t(ctx.locale, 'contact.button_change_place'), value: 'contact:change' },
          ],
        },
      ],
      session: { clear: true },
    }
  }

  const officeName = (placeCode: string) => officeNameOf(db, placeCode)

  /** Remembers the commune on the contact (asked once) and continues where the user was going. Not a role scope. */
  async function placeChosen(ctx: TurnContext, code: string, then: 'office' | 'handover'): Promise<TurnResult> {
    await db.contact.update({ where: { id: ctx.contact.id }, data: { placeCode: code } })
    ctx.contact.placeCode = code
    return then === 'office' ? officeCard(ctx, code, true) : askQuestion(ctx, code)
  }

  async function askQuestion(ctx: TurnContext, placeCode: string): Promise<TurnResult> {
    return {
      replies: [
        {
          text: t(ctx.locale, 'contact.ask_question', { office: await officeName(placeCode) }),
          buttons: [{ label: t(ctx.locale, 'contact.button_cancel'), value: 'contact:cancel' }],
        },
      ],
      session: { flow: FLOW, state: { step: 'question', placeCode } satisfies ContactState, ttlMs: TTL_MS },
    }
  }

  async function start(ctx: TurnContext, then: 'office' | 'handover'): Promise<TurnResult> {
    const known = await places.currentCommune(ctx.contact.placeCode, ctx.now)
    if (known) return then === 'office' ? officeCard(ctx, known.code, false) : askQuestion(ctx, known.code)
    const mentioned = await places.currentCommune(ctx.understanding?.entities.place, ctx.now)
    if (mentioned) return placeChosen(ctx, mentioned.code, then)
    return askPlace(ctx, then)
  }

  async function createRequest(ctx: TurnContext, placeCode: string, question: string): Promise<TurnResult> {
    const { id, office, officers } = await requestHandover(deps, { contactId: ctx.contact.id, placeCode, question, transcript: ctx.recent, now: ctx.now })
    const key = officers > 0 ? 'contact.handover_done' : 'contact.handover_no_officer'
    return { replies: [{ text: t(ctx.locale, key, { office, id }), buttons: ctx.menu() }], session: { clear: true } }
  }

  /**
   * The request, if it lies in the officer's scope. One outside it reads the same as one that does not exist, so
   * guessing ids tells nothing.
   */
  async function requestForOfficer(ctx: OfficerContext, id: number): Promise<{ ok: true; request: HandoverRow } | { ok: false; result: TurnResult }> {
    const request = Number.isInteger(id) ? await db.handoverRequest.findUnique({ where: { id } }) : null
    if (!request || !(await places.contains(ctx.actor.scope, request.placeCode))) {
      return { ok: false, result: { replies: [{ text: t(ctx.locale, 'contact.request_missing', { id }) }] } }
    }
    return { ok: true, request }
  }

  async function audit(ctx: TurnContext, action: string, subject: string): Promise<void> {
    await deps.audit(ctx.actor, { action, subject, channel: ctx.inbound.channel, at: ctx.now })
  }

  async function startAnswer(ctx: OfficerContext, id: number): Promise<TurnResult> {
    const found = await requestForOfficer(ctx, id)
    if (!found.ok) return found.result
    if (found.request.status !== 'open') return { replies: [{ text: t(ctx.locale, 'contact.already_answered', { id }) }] }
    return {
      replies: [{ text: t(ctx.locale, 'contact.ask_answer', { id }), buttons: [{ label: t(ctx.locale, 'contact.button_cancel'), value: 'contact:cancel' }] }],
      session: { flow: FLOW, state: { step: 'answer', requestId: id } satisfies ContactState, ttlMs: TTL_MS },
    }
  }

  async function sendAnswer(ctx: OfficerContext, id: number, answer: string): Promise<TurnResult> {
    const found = await requestForOfficer(ctx, id)
    if (!found.ok) return { ...found.result, session: { clear: true } }
    const outcome = await answerHandover(deps, { id, answer, actor: ctx.actor, channel: ctx.inbound.channel, now: ctx.now })
    const key = outcome === 'sent' ? 'contact.answer_sent' : outcome === 'missing' ? 'contact.request_missing' : 'contact.already_answered'
    return { replies: [{ text: t(ctx.locale, key, { id }) }], session: { clear: true } }
  }

  async function transcript(ctx: OfficerContext, id: number): Promise<TurnResult> {
    const found = await requestForOfficer(ctx, id)
    if (!found.ok) return found.result
    await audit(ctx, 'handover.view_transcript', `handover:${id}`)
    const turns = JSON.parse(found.request.transcript) as RecentTurn[]
    const lines = turns.map((turn, i) =>
      t(ctx.locale, turn.from === 'user' ? 'contact.transcript_user' : 'contact.transcript_bot', { text: shownText(turn, turns.slice(0, i), ctx.locale).text.split('\n')[0] ?? '' }),
    )
    const buttons = found.request.status === 'open' ? [{ label: t(ctx.locale, 'contact.button_answer', { id }), value: `contact:answer:${id}` }] : []
    return { replies: [{ text: [t(ctx.locale, 'contact.transcript_title', { id }), ...lines].join('\n'), buttons }] }
  }

  async function openRequests(ctx: OfficerContext): Promise<TurnResult> {
    const codes = await places.codesIn(ctx.actor.scope)
    const where = codes === 'all' ? { status: 'open' } : { status: 'open', placeCode: { in: [...codes] } }
    const requests = await db.handoverRequest.findMany({ where, orderBy: { id: 'asc' }, take: 5 })
    const total = await db.handoverRequest.count({ where })
    await audit(ctx, 'handover.list', `count:${total}`)
    if (requests.length === 0) return { replies: [{ text: t(ctx.locale, 'contact.no_open_requests') }] }
    const lines = requests.map((r) => `#${r.id}: "${r.question.slice(0, 200)}"`)
    return {
      replies: [
        {
          text: [t(ctx.locale, 'contact.open_requests', { count: total }), ...lines].join('\n'),
          buttons: requests.map((r) => ({ label: t(ctx.locale, 'contact.button_answer', { id: r.id }), value: `contact:answer:${r.id}` })),
        },
      ],
    }
  }

  async function flow(ctx: TurnContext & { flow: ActiveFlow }): Promise<TurnResult | null> {
    const state = ctx.flow.state as ContactState
    if (ctx.button) return null // buttons go to their own handlers (contact:place, contact:cancel, …)
    const text = ctx.text ?? ''
    if (isCancel(text)) return { replies: [{ text: t(ctx.locale, 'contact.cancelled') }], session: { clear: true } }
    switch (state.step) {
      case 'place': {
        const commune = await places.currentCommune(ctx.understanding?.entities.place, ctx.now)
        if (commune) return placeChosen(ctx, commune.code, state.then)
        // A clear question about something else is answered; the place question stays open.
        if (ctx.understanding && ctx.understanding.intent !== 'out_of_scope' && ctx.understanding.confidence >= 0.8) return null
        return { replies: [{ text: t(ctx.locale, 'contact.place_unknown', { text: text.slice(0, 60) }), buttons: await placeButtons() }] }
      }
      case 'question':
        if (!text) return { replies: [{ text: t(ctx.locale, 'contact.question_empty') }] }
        return createRequest(ctx, state.placeCode, text)
      case 'answer':
        if (!text) return { replies: [{ text: t(ctx.locale, 'contact.question_empty') }] }
        return officersOnly((c) => sendAnswer(c, state.requestId, text))(ctx)
    }
  }

  return {
    name: 'contact',
    intents: { 'contact.officer': (ctx) => start(ctx, 'office') },
    buttons: {
      contact: async (ctx) => {
        const [, action, arg] = ctx.button?.parts ?? []
        switch (action) {
          case 'start':
            return start(ctx, 'office')
          case 'handover':
            return start(ctx, 'handover')
          case 'change':
            return askPlace(ctx, 'office')
          case 'place': {
            const then = ctx.flow?.name === FLOW && (ctx.flow.state as ContactState).step === 'place' ? (ctx.flow.state as { then: 'office' | 'handover' }).then : 'office'
            const commune = await places.currentCommune(`quang-ngai/${arg ?? ''}`, ctx.now)
            return commune ? placeChosen(ctx, commune.code, then) : askPlace(ctx, then)
          }
          case 'cancel':
            return { replies: [{ text: t(ctx.locale, 'contact.cancelled') }], session: { clear: true } }
          case 'answer':
            return officersOnly((c) => startAnswer(c, Number(arg)))(ctx)
          case 'transcript':
            return officersOnly((c) => transcript(c, Number(arg)))(ctx)
          default:
            return start(ctx, 'office')
        }
      },
    },
    flows: { [FLOW]: flow },
    commands: { yeucau: officersOnly(openRequests) },
    menu: [{ labelKey: 'contact.menu', value: 'contact:start', order: 30 }],
  }
}

