import readline from 'node:readline'
import type { Button } from '../messages.ts'
import { openNodeServices } from './node-runtime.ts'

/**
 * Chat with the bot in a terminal, through the same services and dialogue as every channel (channel "cli").
 * Buttons are numbered and tapped with `#n` (or `/n`), so a number typed as an answer ("2" people, "15" triệu) is
 * read as that number. Logs go to stderr so the conversation stays readable. Messages for other contacts (a
 * hand-over notice) stay queued for the server to deliver: the shell talks to no channel.
 */
export async function runShell(): Promise<number> {
  const services = openNodeServices({ env: { ...process.env, TELEGRAM_BOT_TOKEN: '', ZALO_ACCESS_TOKEN: '' } })
  const userId = `shell-${process.env.USER ?? 'user'}`
  let buttons: Button[] = []
  const say = async (content: { kind: 'text'; text: string } | { kind: 'button'; value: string }) => {
    const outcome = await services.dialogue.handle({ channel: 'cli', userId, messageId: crypto.randomUUID(), at: new Date(), content })
    if (outcome.duplicate) return
    buttons = []
    for (const reply of outcome.replies) {
      console.log(`\n🤖 ${reply.text}`)
      for (const b of reply.buttons ?? []) {
        buttons.push(b)
        console.log(`   [#${buttons.length}] ${b.label}`)
      }
    }
  }
  await say({ kind: 'button', value: 'menu:start' })
  console.log('\n(Gõ câu hỏi; bấm nút bằng #số, ví dụ #1. Ctrl+D để thoát.)')
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\n> ' })
  rl.prompt()
  for await (const line of rl) {
    const text = line.trim()
    if (text === '') {
      rl.prompt()
      continue
    }
    const tap = /^[#/](\d{1,2})$/.exec(text)
    const tapped = tap ? buttons[Number(tap[1]) - 1] : undefined
    await say(tapped ? { kind: 'button', value: tapped.value } : { kind: 'text', text })
    rl.prompt()
  }
  await services.close()
  return 0
}
