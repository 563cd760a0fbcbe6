import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clarifyReplies, fallback } from '../../src/core/conversation.ts'
import type { Db } from '../../src/db.ts'
import type { TurnContext } from '../../src/dialogue/types.ts'
import { createMemoryLogger } from '../../src/logger.ts'
import { createTestDb } from '../support/db.ts'

describe('"Ý bạn là…?" buttons', () => {
  it('offer two or three intents, each with its short plain label, best first', () => {
    const [reply] = clarifyReplies('vi', ['policy.social_pension', 'policy.health_insurance', 'eligibility.check'])
    expect(reply?.text).toBe('Ý bạn là gì? Bạn chọn một mục nhé:')
    expect(reply?.buttons).toEqual([
      { label: 'Trợ cấp người già', value: 'intent:policy.social_pension' },
      { label: 'Bảo hiểm y tế', value: 'intent:policy.health_insurance' },
      { label: 'Kiểm tra hộ nghèo', value: 'intent:eligibility.check' },
    ])
    for (const b of reply?.buttons ?? []) expect(b.label.length).toBeLessThanOrEqual(24)
  })
})

describe('the flat fallback', () => {
  let db: Db
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ db, cleanup } = await createTestDb())
  })
  afterEach(() => cleanup())

  const ctx = (menu: { label: string; value: string }[]) => ({ locale: 'vi', text: 'giá heo hơi hôm nay', menu: () => menu }) as unknown as TurnContext

  it('gives the menu and the commune contact', async () => {
    const result = await fallback({ db, logger: createMemoryLogger() }, ctx([{ label: 'Chính sách hỗ trợ', value: 'policy:menu' }]))
    const [reply] = result.replies
    expect(reply?.text).toContain('Xin lỗi, tôi chưa hiểu ý bạn')
    expect(reply?.buttons?.map((b) => b.value)).toEqual(['contact:start', 'policy:menu'])
  })

  it('does not repeat the contact button when the menu has it', async () => {
    const result = await fallback({ db, logger: createMemoryLogger() }, ctx([{ label: 'Liên hệ cán bộ', value: 'contact:start' }]))
    expect(result.replies[0]?.buttons?.map((b) => b.value)).toEqual(['contact:start'])
  })
})
