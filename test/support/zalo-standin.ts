import { faultEvery, startStandIn, type FaultDecision, type FaultKind, type RecordedCall, type StandIn } from './standin.ts'

export interface ZaloStandIn extends StandIn {
  /** message/cs calls that delivered a message (answered error 0), in order. */
  sends(): RecordedCall[]
  /** Every message/cs call, failed ones included. */
  attempts(): RecordedCall[]
  /** message/template calls (ZBS template by user id). */
  templates(): RecordedCall[]
  refreshes(): RecordedCall[]
  /** Access tokens the API accepts; others get -216. */
  validTokens: Set<string>
  /** Next message/cs answers to give instead of success (e.g. { error: -230, message: '...' }). */
  scripted: { error: number; message: string }[]
  refreshCount: number
}

/**
 * A stand-in Zalo OA API and OAuth server speaking the documented wire format: errors come back as HTTP 200 with
 * `error` ≠ 0; the refresh endpoint takes a form body and a `secret_key` header and rotates the refresh token.
 */
export async function startZaloStandIn(opts: { validTokens: string[]; validRefreshToken: string; appSecret: string }): Promise<ZaloStandIn> {
  const state = { refreshToken: opts.validRefreshToken, refreshCount: 0 }
  const validTokens = new Set(opts.validTokens)
  const scripted: { error: number; message: string }[] = []
  let messageId = 9000
  const delivered = new Set<RecordedCall>()
  const standIn = await startStandIn((call) => {
    if (call.path === '/v3.0/oa/message/cs') {
      const token = String(call.headers['access_token'] ?? '')
      if (!validTokens.has(token)) return { body: { error: -216, message: 'Access token is invalid' } }
      const next = scripted.shift()
      if (next) return { body: next }
      delivered.add(call)
      return { body: { error: 0, message: 'Success', data: { message_id: `m${++messageId}`, user_id: (call.body.recipient as { user_id: string }).user_id } } }
    }
    if (call.path === '/v3.0/oa/message/template') {
      const token = String(call.headers['access_token'] ?? '')
      if (!validTokens.has(token)) return { body: { error: -216, message: 'Access token is invalid' } }
      return { body: { error: 0, message: 'Success', data: { message_id: `t${++messageId}` } } }
    }
    if (call.path === '/v4/oa/access_token') {
      if (call.headers['secret_key'] !== opts.appSecret) return { body: { error: -14014, error_description: 'Invalid secret key' } }
      if (call.body.grant_type !== 'refresh_token' || call.body.refresh_token !== state.refreshToken) {
        return { body: { error: -14020, error_description: 'Invalid refresh token' } }
      }
      state.refreshCount++
      const access = `access-${state.refreshCount}`
      state.refreshToken = `refresh-${state.refreshCount}`
      validTokens.add(access)
      return { body: { access_token: access, refresh_token: state.refreshToken, expires_in: '90000' } }
    }
    return { status: 404, body: { error: -1, message: 'not found' } }
  })
  const attempts = () => standIn.calls.filter((c) => c.path === '/v3.0/oa/message/cs')
  return Object.assign(standIn, {
    attempts,
    sends: () => attempts().filter((c) => !c.fault && delivered.has(c)),
    templates: () => standIn.calls.filter((c) => c.path === '/v3.0/oa/message/template'),
    refreshes: () => standIn.calls.filter((c) => c.path === '/v4/oa/access_token'),
    validTokens,
    scripted,
    get refreshCount() {
      return state.refreshCount
    },
  })
}

/** The HTTP layer failing in front of Zalo: 500, 429 with Retry-After, a hang, a closed connection. */
export function zaloFault(kind: FaultKind, retryAfterSeconds = 1): FaultDecision {
  switch (kind) {
    case 'status500':
      return { status: 500, body: { error: -1, message: 'Internal Server Error' } }
    case 'rateLimit':
      return { status: 429, body: { error: -32, message: 'Your application reached limit call api' }, headers: { 'retry-after': String(retryAfterSeconds) } }
    case 'hang':
    case 'close':
      return kind
  }
}

/** Makes a share of message/cs calls fail with `kind` (seeded). */
export function zaloFaults(kind: FaultKind, rate = 0.3, seed = 9) {
  return faultEvery(rate, (call) => call.path === '/v3.0/oa/message/cs', () => zaloFault(kind), seed)
}
