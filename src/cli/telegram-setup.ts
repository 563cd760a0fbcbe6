import { Api } from 'grammy'
import { loadConfig } from '../config.ts'
import { t } from '../i18n.ts'

/**
 * Registers the Telegram webhook (with the secret token, so forged updates get 401) and the bot's command menu.
 * Needs TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL (https).
 */
export async function runTelegramSetup(): Promise<number> {
  const config = loadConfig(process.env)
  if (!config.telegram) {
    console.error('TELEGRAM_BOT_TOKEN is not set: nothing to register.')
    return 2
  }
  if (!config.publicUrl?.startsWith('https://')) {
    console.error('PUBLIC_URL must be the https address of the deployed bot, e.g. https://tro-ly.example.workers.dev')
    return 2
  }
  const api = new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot })
  const url = `${config.publicUrl}/webhooks/telegram`
  await api.setWebhook(url, {
    secret_token: config.telegram.webhookSecret,
    allowed_updates: ['message', 'callback_query'],
  })
  await api.setMyCommands([
    { command: 'start', description: t('vi', 'telegram.command_start') },
    { command: 'help', description: t('vi', 'telegram.command_help') },
  ])
  const me = await api.getMe()
  console.log(`Webhook set to ${url} for @${me.username}. Set TELEGRAM_BOT_USERNAME=${me.username} in the deployment.`)
  return 0
}
