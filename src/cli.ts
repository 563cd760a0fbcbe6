/**
 * Command line: `tsx src/cli.ts <command>` (the npm scripts call it).
 *   nlu              messages on stdin → one JSON understanding per line
 *   classify         households as JSON lines → one classification per line (exit 2 if any line was invalid)
 *   shell            chat with the bot in the terminal (channel "cli", the Node SQLite database)
 *   ask              one message through the real dialogue on a throw-away database, as of --at (JSON replies)
 *   telegram:setup   register the webhook (PUBLIC_URL + /webhooks/telegram, with the secret) and the command menu
 *   migrate          apply migrations to the Node SQLite database
 *   invite           a single-use invite code for a role and place (/canbo <code>), as a JSON line
 *   roles            role assignments as JSON lines
 *   places           place codes and names as JSON lines
 *   tick             the scheduled job once (--now <ISO 8601>), a JSON summary per task
 *   reminders        plan and dispatch due reminders (--now <ISO 8601>), or seed the review calendar (--seed-calendar)
 *   export-learned   merge officers' labelled questions into locales/vi/nlu/learned.json (then nlu:train)
 *   import           import a commune's household list: `import households <file.xlsx|file.csv> [--skip-invalid]`
 * Commands load only what they need, so `nlu` and `classify` start fast and need no database.
 */
const commands: Record<string, () => Promise<number>> = {
  nlu: async () => (await import('./nlu/cli.ts')).runNluCli(process.stdin, process.stdout),
  classify: async () => (await import('./poverty/cli.ts')).runClassifyCli(process.stdin, process.stdout),
  shell: async () => (await import('./cli/shell.ts')).runShell(),
  ask: async () => (await import('./cli/ask.ts')).runAsk(),
  'telegram:setup': async () => (await import('./cli/telegram-setup.ts')).runTelegramSetup(),
  migrate: async () => (await import('./cli/migrate.ts')).runMigrate(),
  invite: async () => (await import('./cli/invite.ts')).runInvite(),
  roles: async () => (await import('./cli/roles.ts')).runRoles(),
  places: async () => (await import('./cli/places.ts')).runPlaces(),
  tick: async () => (await import('./cli/tick.ts')).runTick(),
  reminders: async () => (await import('./reminders/cli.ts')).runRemindersCli(),
  'export-learned': async () => (await import('./cli/export-learned.ts')).runExportLearned(),
  import: async () => (await import('./lookup/cli.ts')).runImportCli(process.argv.slice(3)),
}

const name = process.argv[2] ?? ''
const command = commands[name]
if (!command) {
  console.error(`usage: tsx src/cli.ts <${Object.keys(commands).join('|')}>`)
  process.exit(64)
}
command().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  },
)
