import readline from 'node:readline'
import { createLogger } from '../logger.ts'
import { systemClock } from '../clock.ts'
import { createDialogue } from '../dialogue/engine.ts'
import { createFeatures } from '../dialogue/features.ts'
import { createNlu } from '../nlu/index.ts'
import { placeNames } from '../../prisma/seed/places.ts'
import type { Button } from '../messages.ts'
import { openNodeRuntime } from './node-runtime.ts'
import { createOutbound } from '../outbound/outbound.ts'

/**
 * Chat with the bot in a terminal, through the same dialogue as every channel (channel "cli"). Buttons are numbered:
 * type the number to tap one. Logs go to stderr so the conversation stays readable.
 */
export async function runShell(): Promise<number> {
  const { db } = openNodeRuntime()
  const logger = createLogger({ level: 'warn', write: (line) => process.stderr.write(line + '\n') })
  // The shell talks to no channel: messages for other contacts stay queued for the server to deliver.
  const outbound = createOutbound({ db, senders: {}, logger, clock: systemClock })
  const dialogue = createDialogue({
    db,
    clock: systemClock,
    logger,
    nlu: createNlu({ places: placeNames() }),
    features: createFeatures({ db, clock: systemClock, logger, outbound }),
  })
  const userId = `shell-${process.env.USER ?? 'user'}`
  let buttons: Button[] = []
  const say = async (content: { kind: 'text'; text: string } | { kind: 'button'; value: string }) => {
    const outcome = await dialogue.handle({ channel: 'cli', userId, messageId: crypto.randomUUID(), at: new Date(), content })
    if (outcome.duplicate) return
    buttons = []
    for (const reply of outcome.replies) {
      console.log(`\n🤖 ${reply.text}`)
      for (const b of reply.buttons ?? []) {
        buttons.push(b)
        console.log(`   [${buttons.length}] ${b.label}`)
      }
    }
  }
  await say({ kind: 'button', value: 'menu:start' })
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\n> ' })
  rl.prompt()
  for await (const line of rl) {
    const text = line.trim()
    if (text === '') {
      rl.prompt()
      continue
    }
    const n = Number(text)
    const tapped = Number.isInteger(n) ? buttons[n - 1] : undefined
    await say(tapped ? { kind: 'button', value: tapped.value } : { kind: 'text', text })
    rl.prompt()
  }
  await db.$disconnect()
  return 0
}
