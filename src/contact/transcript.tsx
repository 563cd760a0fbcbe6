import type { FC } from 'hono/jsx'
import type { RecentTurn } from '../dialogue/types.ts'
import { t, type Locale } from '../i18n.ts'
import { L } from '../web/console/layout.tsx'

/** A tap as older records kept it: the button's code in brackets ("[menu:start]"). */
const OLD_TAP = /^\[([a-z][a-z_]*:[\w.:-]{1,60})\]$/

/**
 * What a turn showed the resident: the text typed or shown, and for a tap the label of the button tapped. Records
 * written before the engine kept labels hold the code; it is read back as the label the bot had offered, and a code
 * never reaches the page.
 */
export function shownText(turn: RecentTurn, before: readonly RecentTurn[], locale: Locale): { text: string; tapped: boolean } {
  const old = OLD_TAP.exec(turn.text.trim())
  if (!old) return { text: turn.text, tapped: turn.tapped === true }
  for (let i = before.length - 1; i >= 0; i--) {
    const label = before[i]!.buttons?.find((b) => b.value === old[1])?.label
    if (label) return { text: label, tapped: true }
  }
  return { text: t(locale, 'core.tapped_button'), tapped: true }
}

/** On the console, a conversation as the resident saw it: their messages, what they tapped (by label), the bot's answers. */
export const Transcript: FC<{ turns: readonly RecentTurn[] }> = ({ turns }) => (
  <>
    {turns.map((turn, i) => {
      const shown = shownText(turn, turns.slice(0, i), L)
      return (
        <div class={turn.from === 'user' ? 'turn user' : 'turn'}>
          {turn.from === 'user' && shown.tapped ? (
            <span class="tap">{shown.text === t(L, 'core.tapped_button') ? shown.text : `${t(L, 'admin.tapped')} «${shown.text}»`}</span>
          ) : (
            shown.text
          )}
        </div>
      )
    })}
  </>
)
