import type { CapabilityFactory } from '../capability.ts'
import { t } from '../i18n.ts'
import { INTENT_IDS, type IntentId } from '../nlu/types.ts'
import { doneUrl, formatVnTime, L, Notice } from '../web/console/layout.tsx'
import { createCoreFeature } from './conversation.ts'
import { groupSimilar } from './unanswered.ts'
import type { Scope } from '../roles/actor.ts'

/** Below this confidence the bot's guess is shown, but not pre-selected: one careless click must not train it. */
export const PRESELECT_MIN_CONFIDENCE = 0.5
/** Questions read for the page, and groups of similar wording shown. */
const UNANSWERED_READ = 300
const UNANSWERED_GROUPS = 40

/**
 * The core: greeting, help, thanks, the polite fallback, and the officers' review of what the bot could not
 * answer (with "add to the training data"). The statistics page is the lookup capability's (src/lookup/console.tsx).
 */
export const core: CapabilityFactory = (deps) => {
  const { db } = deps
  return {
    name: 'core',
    chat: createCoreFeature(deps),
    console: {
      nav: [
        { path: '/unanswered', labelKey: 'admin.nav_unanswered', order: 60 },
      ],
      routes(app) {
        app.get('/unanswered', async (c) => {
          const codes = await deps.places.codesIn(c.var.actor.scope)
          const rows = await db.unansweredQuestion.findMany({
            where: { status: 'new', ...(codes === 'all' ? {} : { placeCode: { in: [...codes] } }) },
            orderBy: { id: 'desc' },
            take: UNANSWERED_READ,
          })
          const groups = groupSimilar(rows).slice(0, UNANSWERED_GROUPS)
          return c.html(
            c.var.page(t(L, 'admin.nav_unanswered'), (
              <>
                <Notice c={c} />
                <p>{t(L, 'admin.unanswered_intro')}</p>
                {groups.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
                {groups.map((group) => {
                  const q = group[0]!
                  // The bot's guess is pre-selected only when it was fairly sure, and only when every question of the
                  // group had that guess: one careless click must not train a wrong topic.
                  const sure = group.every((g) => g.intentGuess === q.intentGuess && g.confidence !== null && g.confidence >= PRESELECT_MIN_CONFIDENCE)
                  return (
                    <form class="item" method="post" action={`/admin/unanswered/${q.id}`}>
                      <div class="muted">
                        #{q.id} · {formatVnTime(q.at)} · {t(L, 'admin.guess')}: {q.intentGuess ? t(L, `intents.${q.intentGuess}`) : '—'}{' '}
                        {q.confidence === null ? '' : `(${Math.round(q.confidence * 100)}%)`}
                      </div>
                      <div class="q">
                        {q.text} {group.length > 1 ? <span class="count">{t(L, 'admin.asked_times', { count: group.length })}</span> : null}
                      </div>
                      {group.length > 1 ? (
                        <details>
                          <summary>{t(L, 'admin.similar_wording', { count: group.length - 1 })}</summary>
                          <ul class="plain">
                            {group.slice(1).map((g) => (
                              <li>
                                {g.text} <span class="muted">· {formatVnTime(g.at)}</span>
                                <input type="hidden" name="also" value={String(g.id)} />
                              </li>
                            ))}
                          </ul>
                        </details>
                      ) : null}
                      <select name="intent" aria-label={t(L, 'admin.category')} required>
                        <option value="" selected={!sure}>
                          {t(L, 'admin.choose_intent')}
                        </option>
                        {INTENT_IDS.map((id) => (
                          <option value={id} selected={sure && id === q.intentGuess}>
                            {t(L, `intents.${id}`)}
                          </option>
                        ))}
                      </select>
                      <div class="actions">
                        <button name="action" value="train">
                          {t(L, 'admin.add_training')}
                        </button>
                        <button name="action" value="dismiss" class="secondary" formnovalidate>
                          {t(L, 'admin.dismiss')}
                        </button>
                      </div>
                    </form>
                  )
                })}
              </>
            )),
          )
        })

        /** Whether an officer may act on this question: outside their scope reads the same as missing. */
        const mayReview = async (scope: Scope, question: { placeCode: string | null } | null) =>
          question !== null && (question.placeCode === null ? scope.kind === 'all' : await deps.places.contains(scope, question.placeCode))

        app.post('/unanswered/:id', async (c) => {
          const id = Number(c.req.param('id'))
          const form = await c.req.parseBody({ all: true })
          const question = Number.isInteger(id) ? await db.unansweredQuestion.findUnique({ where: { id } }) : null
          if (!question || !(await mayReview(c.var.actor.scope, question))) return c.redirect('/admin/unanswered')
          // The other questions of its group (same wording), each checked on its own.
          const also = (Array.isArray(form.also) ? form.also : form.also === undefined ? [] : [form.also])
            .map((v) => Number(v))
            .filter((v) => Number.isInteger(v) && v !== id)
            .slice(0, UNANSWERED_READ)
          const others = also.length === 0 ? [] : await db.unansweredQuestion.findMany({ where: { id: { in: also }, status: 'new' } })
          const questions = [question]
          for (const o of others) if (await mayReview(c.var.actor.scope, o)) questions.push(o)
          const now = deps.clock.now()
          const intentField = Array.isArray(form.intent) ? form.intent[0] : form.intent
          const action = Array.isArray(form.action) ? form.action[0] : form.action
          if (action === 'train' && typeof intentField === 'string' && (INTENT_IDS as readonly string[]).includes(intentField)) {
            const intent = intentField as IntentId
            for (const q of questions) {
              await db.trainingUtterance.upsert({
                where: { text_intent: { text: q.text, intent } },
                create: { text: q.text, intent, sourceQuestionId: q.id, addedByContactId: c.var.actor.contactId },
                update: {},
              })
              await db.unansweredQuestion.update({ where: { id: q.id }, data: { status: 'added' } })
              await deps.audit(c.var.actor, { action: 'unanswered.train', subject: `unanswered:${q.id}`, detail: intent, channel: 'console', at: now })
            }
            deps.learned.invalidate()
            return c.redirect(doneUrl('/unanswered', 'added', id))
          }
          for (const q of questions) {
            await db.unansweredQuestion.update({ where: { id: q.id }, data: { status: 'reviewed' } })
            await deps.audit(c.var.actor, { action: 'unanswered.dismiss', subject: `unanswered:${q.id}`, channel: 'console', at: now })
          }
          return c.redirect(doneUrl('/unanswered', 'dismissed', id))
        })
      },
    },
  }
}
