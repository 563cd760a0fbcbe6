import type { CapabilityFactory } from '../capability.ts'
import { t } from '../i18n.ts'
import { INTENT_IDS, type IntentId } from '../nlu/types.ts'
import { doneUrl, formatVnTime, L, Notice } from '../web/console/layout.tsx'
import { createCoreFeature } from './conversation.ts'

/** Below this confidence the bot's guess is shown, but not pre-selected: one careless click must not train it. */
export const PRESELECT_MIN_CONFIDENCE = 0.5

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
            take: 50,
          })
          return c.html(
            c.var.page(t(L, 'admin.nav_unanswered'), (
              <>
                <Notice c={c} />
                <p>{t(L, 'admin.unanswered_intro')}</p>
                {rows.length === 0 ? <p>{t(L, 'admin.empty')}</p> : null}
                {rows.map((q) => {
                  const sure = q.confidence !== null && q.confidence >= PRESELECT_MIN_CONFIDENCE
                  return (
                    <form class="item" method="post" action={`/admin/unanswered/${q.id}`}>
                      <div class="muted">
                        #{q.id} · {formatVnTime(q.at)} · {t(L, 'admin.guess')}: {q.intentGuess ? t(L, `intents.${q.intentGuess}`) : '—'}{' '}
                        {q.confidence === null ? '' : `(${Math.round(q.confidence * 100)}%)`}
                      </div>
                      <div class="q">{q.text}</div>
                      <select name="intent" aria-label={t(L, 'admin.category')} required>
                        <option value="" selected={!sure}>
                          {t(L, 'admin.choose_intent')}
                        </option>
                        {INTENT_IDS.map((id) => (
                          <option value={id} selected={sure && id === q.intentGuess}>
                            {t(L, `intents.${id}`)}
                          </option>
                        ))}
                      </select>{' '}
                      <button name="action" value="train">
                        {t(L, 'admin.add_training')}
                      </button>{' '}
                      <button name="action" value="dismiss" class="secondary" formnovalidate>
                        {t(L, 'admin.dismiss')}
                      </button>
                    </form>
                  )
                })}
              </>
            )),
          )
        })

        app.post('/unanswered/:id', async (c) => {
          const id = Number(c.req.param('id'))
          const form = await c.req.parseBody()
          const question = Number.isInteger(id) ? await db.unansweredQuestion.findUnique({ where: { id } }) : null
          // Outside the officer's scope reads the same as missing.
          if (!question || !(question.placeCode === null ? c.var.actor.scope.kind === 'all' : await deps.places.contains(c.var.actor.scope, question.placeCode))) {
            return c.redirect('/admin/unanswered')
          }
          const now = deps.clock.now()
          if (form.action === 'train' && typeof form.intent === 'string' && (INTENT_IDS as readonly string[]).includes(form.intent)) {
            const intent = form.intent as IntentId
            await db.trainingUtterance.upsert({
              where: { text_intent: { text: question.text, intent } },
              create: { text: question.text, intent, sourceQuestionId: id, addedByContactId: c.var.actor.contactId },
              update: {},
            })
            await db.unansweredQuestion.update({ where: { id }, data: { status: 'added' } })
            deps.learned.invalidate()
            await deps.audit(c.var.actor, { action: 'unanswered.train', subject: `unanswered:${id}`, detail: intent, channel: 'console', at: now })
            return c.redirect(doneUrl('/unanswered', 'added', id))
          }
          await db.unansweredQuestion.update({ where: { id }, data: { status: 'reviewed' } })
          await deps.audit(c.var.actor, { action: 'unanswered.dismiss', subject: `unanswered:${id}`, channel: 'console', at: now })
          return c.redirect(doneUrl('/unanswered', 'dismissed', id))
        })
      },
    },
  }
}
