import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { canonicalInviteCode, createInvite, newInviteCode } from '../../src/roles/invites.ts'
import { createPlaces } from '../../src/places.ts'

type ChatReply = { text: string; buttons?: { label: string; value: string }[] }
const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')

describe('invites and roles by chat', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.close())
  const chat = async (conversationId: string, body: object, headers: Record<string, string> = {}) =>
    ((await (await t.post('/api/chat', { conversationId, ...body }, headers)).json()) as { replies: ChatReply[] }).replies
  const say = async (conversationId: string, text: string, headers: Record<string, string> = {}) => (await chat(conversationId, { text }, headers))[0]!.text
  const invite = (role: 'officer' | 'collaborator' | 'admin', placeCode: string | null, now = t.clock.now()) =>
    createInvite(t.db, { role, placeCode, createdBy: 'test', now })

  it('reads a code the same with spaces, dashes or lower case', () => {
    const code = newInviteCode()
    expect(code).toMatch(/^CB-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    const canonical = canonicalInviteCode(code)
    expect(canonicalInviteCode(code.toLowerCase())).toBe(canonical)
    expect(canonicalInviteCode(` ${code.replace(/-/g, ' ')} `)).toBe(canonical)
    expect(canonicalInviteCode(code.slice(3))).toBe(canonical)
    expect(canonicalInviteCode('hello')).toBeNull()
  })

  it('stores only a hash of the code, grants the role once, and refuses reuse', async () => {
    const inv = await invite('officer', 'quang-ngai/xa-dak-mar')
    const row = await t.db.invite.findUniqueOrThrow({ where: { id: inv.id } })
    expect(JSON.stringify(row)).not.toContain(inv.code.slice(3, 7))
    expect(await say('first-officer', `/canbo ${inv.code}`)).toContain('cán bộ của xã Đăk Mar')
    expect(await say('second-person', `/canbo ${inv.code}`)).toContain('không đúng, đã dùng hoặc đã hết hạn')
    const roles = await t.db.roleAssignment.findMany()
    expect(roles).toHaveLength(1)
    expect(roles[0]).toMatchObject({ role: 'officer', placeCode: 'quang-ngai/xa-dak-mar', grantedBy: 'invite', inviteId: inv.id, revokedAt: null })
  })

  it('lets an invite expire after 72 hours by default', async () => {
    const inv = await invite('collaborator', 'quang-ngai/xa-dak-ui')
    expect(inv.expiresAt.getTime() - t.clock.now().getTime()).toBe(72 * 3600_000)
    t.clock.set(new Date(t.clock.now().getTime() + 72 * 3600_000 + 1000))
    expect(await say('too-late-ctv', `/canbo ${inv.code}`)).toContain('đã hết hạn')
    expect(await t.db.roleAssignment.count()).toBe(0)
  })

  it('stops guessing after 5 wrong codes an hour per contact, even for a right code, and lets them in an hour later', async () => {
    const inv = await invite('officer', 'quang-ngai/xa-dak-pxi')
    for (let i = 0; i < 5; i++) expect(await say('guesser-001', `/canbo CB-AAAA-AAA${i + 2}`)).toContain('không đúng')
    expect(await say('guesser-001', `/canbo ${inv.code}`)).toContain('sai mã nhiều lần')
    expect(await t.db.roleAssignment.count()).toBe(0)
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 3600_000))
    expect(await say('guesser-001', `/canbo ${inv.code}`)).toContain('Xác nhận thành công')
  })

  it('counts wrong codes per client address on the web chat, so new conversation ids do not help', async () => {
    const inv = await invite('officer', 'quang-ngai/xa-dak-pxi')
    const from = { 'cf-connecting-ip': '192.0.2.44' }
    for (let i = 0; i < 5; i++) await say(`hopper-${i}-conversation`, `/canbo CB-BBBB-BBB${i + 2}`, from)
    expect(await say('hopper-new-conversation', `/canbo ${inv.code}`, from)).toContain('sai mã nhiều lần')
    // Another address is not affected.
    expect(await say('honest-officer-1', `/canbo ${inv.code}`, { 'cf-connecting-ip': '192.0.2.45' })).toContain('Xác nhận thành công')
  })

  it('answers role commands from a resident with the polite "for officers", saying nothing about what exists', async () => {
    for (const command of ['/moi', '/vaitro', '/thuhoi 1', '/trang', '/yeucau', 'mở trang cán bộ']) {
      const reply = await say('plain-resident', command)
      expect(reply, command).toContain('dành cho cán bộ')
      expect(reply).not.toMatch(/#\d|Không tìm thấy|yêu cầu đang/)
    }
    const tapped = await chat('plain-resident', { button: 'roles:rv:1' })
    expect(tapped[0]!.text).toContain('dành cho cán bộ')
  })

  it('lets an officer invite collaborators of their own commune by buttons, and not officers or other communes', async () => {
    await say('officer-inviter', `/canbo ${(await invite('officer', 'quang-ngai/xa-dak-pxi')).code}`)
    const [ask] = await chat('officer-inviter', { text: '/moi' })
    // One commune in scope: straight to its villages (none yet: the whole commune).
    expect(ask!.buttons!.map((b) => b.value)).toEqual(['roles:mk:c:quang-ngai.xa-dak-pxi'])
    const [made] = await chat('officer-inviter', { button: 'roles:mk:c:quang-ngai.xa-dak-pxi' })
    const code = /CB-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(made!.text)![0]
    expect(await say('new-collaborator', `/canbo ${code}`)).toContain('cộng tác viên của xã Đăk Pxi')
    expect((await chat('officer-inviter', { button: 'roles:mk:o:quang-ngai.xa-dak-pxi' }))[0]!.text).toContain('chỉ cấp được mã cho cộng tác viên')
    expect((await chat('officer-inviter', { button: 'roles:mk:c:quang-ngai.xa-dak-ui' }))[0]!.text).toContain('Không tìm thấy địa bàn')
    // The code itself is not kept in the conversation.
    const session = await t.db.conversationSession.findFirstOrThrow({ where: { contact: { externalId: t.webId('officer-inviter') } } })
    expect(session.recent).not.toContain(code)
  })

  it('lets an admin list and revoke roles by chat; a new grant replaces the old role', async () => {
    await say('chat-admin-1', `/canbo ${(await invite('admin', null)).code}`)
    await say('ctv-to-revoke', `/canbo ${(await invite('collaborator', 'quang-ngai/xa-ngok-reo')).code}`)
    const [list] = await chat('chat-admin-1', { text: '/vaitro' })
    expect(list!.text).toContain('cộng tác viên — xã Ngọk Réo')
    const revoke = list!.buttons!.find((b) => b.label.startsWith('Thu hồi'))!
    expect((await chat('chat-admin-1', { button: revoke.value }))[0]!.text).toContain('Đã thu hồi')
    expect(await t.db.roleAssignment.count({ where: { revokedAt: null } })).toBe(1)
    // Redeeming a second invite: one active role, the earlier one revoked.
    await say('ctv-to-revoke', `/canbo ${(await invite('officer', 'quang-ngai/xa-dak-ha')).code}`)
    await say('ctv-to-revoke', `/canbo ${(await invite('collaborator', 'quang-ngai/xa-dak-ui')).code}`)
    const contact = await t.db.contact.findFirstOrThrow({ where: { externalId: t.webId('ctv-to-revoke') } })
    const active = await t.db.roleAssignment.findMany({ where: { contactId: contact.id, revokedAt: null } })
    expect(active.map((a) => a.placeCode)).toEqual(['quang-ngai/xa-dak-ui'])
  })
})

describe('scope of a place', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.close())

  it('covers a commune, its villages and the units merged into it, and nothing of its neighbours', async () => {
    const places = createPlaces(t.db)
    const scope = { kind: 'place' as const, placeCode: 'quang-ngai/xa-dak-ha' }
    expect(await places.contains(scope, 'quang-ngai/xa-dak-ha')).toBe(true)
    expect(await places.contains(scope, 'kon-tum/dak-ha/tt-dak-ha')).toBe(true)
    expect(await places.contains(scope, 'kon-tum/dak-ha/tt-dak-ha/kon-trang-long-loi')).toBe(true)
    expect(await places.contains(scope, 'kon-tum/dak-ha/ha-mon')).toBe(true)
    expect(await places.contains(scope, 'quang-ngai/xa-dak-pxi')).toBe(false)
    expect(await places.contains(scope, 'kon-tum/dak-ha/dak-pxi')).toBe(false)
    expect(await places.contains(scope, null)).toBe(false)
    // The former district covers the five communes its units became.
    const district = { kind: 'place' as const, placeCode: 'kon-tum/dak-ha' }
    for (const code of ['quang-ngai/xa-dak-ha', 'quang-ngai/xa-dak-pxi', 'quang-ngai/xa-dak-mar', 'quang-ngai/xa-dak-ui', 'quang-ngai/xa-ngok-reo']) {
      expect(await places.contains(district, code), code).toBe(true)
    }
    expect(await places.contains({ kind: 'all' }, 'anything')).toBe(true)
  })
})

describe('privacy of stored conversation', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp()
  })
  afterEach(() => t.close())

  /** Every text column of every table, as one string, to search for what must not be kept. */
  async function everything(): Promise<string> {
    const tables = await t.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%'")
    const dumps: string[] = []
    for (const { name } of tables) dumps.push(JSON.stringify(await t.db.$queryRawUnsafe(`SELECT * FROM "${name}"`), (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))
    return dumps.join('\n')
  }

  it('keeps no typed income or household size in any table after a check without consent', async () => {
    const chat = async (body: object) => {
      t.clock.set(new Date(t.clock.now().getTime() + 5_000))
      return ((await (await t.post('/api/chat', { conversationId: 'private-check-1', ...body })).json()) as { replies: ChatReply[] }).replies
    }
    await chat({ text: 'kiểm tra hộ nghèo' })
    await chat({ button: 'elig:area:rural' })
    await chat({ text: 'nhà tôi 7 người' })
    let replies = await chat({ text: '4 triệu 370 nghìn' })
    for (let i = 0; i < 15 && !replies.some((r) => r.buttons?.some((b) => b.value.startsWith('elig:save:'))); i++) {
      const next = replies.at(-1)?.buttons?.find((b) => /^elig:(no|yes|pair):/.test(b.value))
      if (!next) break
      replies = await chat({ button: next.value })
    }
    const save = replies.flatMap((r) => r.buttons ?? []).find((b) => b.value === 'elig:save:no')
    if (save) await chat({ button: save.value })
    await chat({ text: 'cảm ơn' })
    const dump = await everything()
    for (const typed of ['4 triệu 370', '4.370.000', '4370000', '7 người', '624.286', '624286']) expect(dump, typed).not.toContain(typed)
    expect(dump).toContain('[đã trả lời câu hỏi kiểm tra]')
  })

  it('forgets recent turns 30 days after the last message, by the scheduled task', async () => {
    await t.post('/api/chat', { conversationId: 'old-chatter-1', text: 'Tôi là Nguyễn Văn Bình, hỏi về vay vốn' })
    expect(await t.db.conversationSession.count()).toBe(1)
    t.clock.set(new Date(t.clock.now().getTime() + 29 * 86_400_000))
    await t.runScheduled()
    expect(await t.db.conversationSession.count()).toBe(1)
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 86_400_000))
    const outcome = await t.runScheduled()
    expect(outcome.purgeOldConversations).toMatchObject({ status: 'ok', result: 1 })
    expect(await t.db.conversationSession.count()).toBe(0)
    expect(await everything()).not.toContain('Nguyễn Văn Bình')
  })
})

describe('command-line tools', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlgn-cli-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))
  const cli = (args: string[]) =>
    run('npx', ['tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}` } }).catch(
      (err: { code: number; stdout: string; stderr: string }) => ({ ...err, failed: true }),
    )

  it('prints an invite as one JSON line, lists places and roles as JSON lines, and refuses bad input without a stack trace', async () => {
    const made = await cli(['invite', '--role', 'collaborator', '--place', 'quang-ngai/xa-dak-ui'])
    const line = JSON.parse(made.stdout.trim()) as { code: string; role: string; place: string; expiresAt: string }
    expect(line).toMatchObject({ role: 'collaborator', place: 'quang-ngai/xa-dak-ui' })
    expect(line.code).toMatch(/^CB-/)
    expect(new Date(line.expiresAt).getTime() - Date.now()).toBeGreaterThan(71 * 3600_000)
    const places = (await cli(['places'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { code: string; name: string; current: boolean })
    expect(places[0]).toMatchObject({ current: true })
    expect(places.find((p) => p.code === 'quang-ngai/xa-dak-pxi')?.name).toBe('xã Đăk Pxi')
    expect((await cli(['roles'])).stdout.trim()).toBe('')
    const bad = (await cli(['invite', '--role', 'officer', '--place', 'nowhere'])) as { code?: number; stderr: string }
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Unknown place')
    expect(bad.stderr).not.toMatch(/\n\s+at /)
  }, 60_000)
})
