import { describe, expect, it } from 'vitest'
import { ConfigError, describeConfig, loadConfig, secretsOf } from '../src/config.ts'

describe('configuration', () => {
  it('needs nothing to start: channels off, SQLite file, port 8787', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ telegram: null, zalo: null, databaseUrl: 'file:.data/dev.db', port: 8787, timeZone: 'Asia/Ho_Chi_Minh' })
  })

  it('gives the log serializer every configured secret, the web chat signing key included', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_SECRET: 'hook_secret', ADMIN_TOKEN: 'admin-token-123', WEB_CHAT_SECRET: 'web-chat-signing-key-0123456789abcdef' })
    expect(secretsOf(config).sort()).toEqual(['1:abc', 'admin-token-123', 'hook_secret', 'web-chat-signing-key-0123456789abcdef'])
  })

  it('refuses a Telegram token without its webhook secret, naming the variable', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc' })).toThrow(ConfigError)
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/)
  })

  it('refuses a Zalo access token without the keys it needs, naming each', () => {
    try {
      loadConfig({ ZALO_ACCESS_TOKEN: 'tok', ZALO_APP_ID: '1' })
      expect.unreachable()
    } catch (err) {
      expect((err as Error).message).toMatch(/ZALO_APP_SECRET, ZALO_OA_SECRET_KEY, ZALO_REFRESH_TOKEN/)
    }
  })

  it('treats empty variables as absent and trims a trailing slash from API roots', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/' })
    expect(config.telegram).toBeNull()
    const on = loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_SECRET: 's', TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/' })
    expect(on.telegram?.apiRoot).toBe('http://127.0.0.1:9000')
  })

  it('rejects a Telegram secret Telegram would not accept', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_SECRET: 'has spaces!' })).toThrow(/A-Z, a-z, 0-9/)
  })

  it('never puts a secret in the start-up summary', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: '1:supersecrettoken',
      TELEGRAM_WEBHOOK_SECRET: 'webhooksecret',
      ZALO_ACCESS_TOKEN: 'zaloaccess',
      ZALO_APP_ID: '1',
      ZALO_APP_SECRET: 'zaloappsecret',
      ZALO_OA_SECRET_KEY: 'zalooakey',
      ZALO_REFRESH_TOKEN: 'zalorefresh',
      ADMIN_TOKEN: 'admintoken',
    })
    const summary = JSON.stringify(describeConfig(config))
    for (const secret of ['supersecrettoken', 'webhooksecret', 'zaloaccess', 'zaloappsecret', 'zalooakey', 'zalorefresh', 'admintoken']) {
      expect(summary).not.toContain(secret)
    }
  })
})
