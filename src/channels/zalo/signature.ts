import { concatBytes, sha256Hex, timingSafeEqualStrings } from '../../util/secure.ts'

/** The header Zalo puts the webhook signature in. */
export const ZALO_SIGNATURE_HEADER = 'X-ZEvent-Signature'

/**
 * The signature Zalo sends for a webhook body: `mac=` + hex SHA-256 of app_id + raw body + timestamp + OA secret
 * key (a plain hash of the concatenation, not an HMAC). The body must be the exact bytes received: re-serialised
 * JSON would not match.
 */
export async function zaloSignature(appId: string, rawBody: Uint8Array, timestamp: string, oaSecretKey: string): Promise<string> {
  const enc = new TextEncoder()
  return `mac=${await sha256Hex(concatBytes(enc.encode(appId), rawBody, enc.encode(timestamp), enc.encode(oaSecretKey)))}`
}

/**
 * Checks a webhook's signature in constant time. `appId` and `timestamp` are the fields from inside the body,
 * as strings (they exceed 2^53 and must never go through a JS number).
 */
export async function verifyZaloSignature(opts: {
  header: string | undefined | null
  appId: string
  timestamp: string
  rawBody: Uint8Array
  oaSecretKey: string
}): Promise<boolean> {
  if (!opts.header) return false
  const expected = await zaloSignature(opts.appId, opts.rawBody, opts.timestamp, opts.oaSecretKey)
  return timingSafeEqualStrings(opts.header.trim().toLowerCase(), expected)
}
