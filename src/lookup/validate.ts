import type { Locale } from '../i18n.ts'
import { t } from '../i18n.ts'
import './texts.ts'
import type { Field, HeaderMap } from './columns.ts'
import { columnLetter } from './columns.ts'
import type { PlaceIndex } from './places.ts'
import type { Cell } from './read.ts'
import { isEmptyRow } from './read.ts'
import type { Allowed } from './scope.ts'
import { canSee } from './scope.ts'
import { nameKey } from './text.ts'
import type { HouseholdCategory, Parsed } from './values.ts'
import {
  cellText,
  parseCategory,
  parseCode,
  parseDeprivations,
  parseIncome,
  parseMembers,
  parseName,
  parseYear,
  parseYesNo,
} from './values.ts'

/** One valid row of a list, ready to store. */
export interface ImportRow {
  /** Line in the file (1 = the first row), as the officer sees it in Excel. */
  line: number
  code: string
  year: number
  head: string
  headKey: string
  communeCode: string
  formerCommuneCode: string | null
  villageCode: string
  members: number
  category: HouseholdCategory
  ethnicMinority: boolean
  /** `undefined`: the file has no such column (what is stored stays); `null`: the cell is empty. */
  incomePerPersonVnd: number | null | undefined
  deprivations: number[] | null | undefined
}

/** A problem with one cell, or with a whole row (duplicates), in the officer's words. */
export interface RowError {
  line: number
  /** The header as the file writes it, with its letter: `Số nhân khẩu (E)`. */
  column?: string
  field?: Field
  message: string
}

export interface Validated {
  rows: ImportRow[]
  errors: RowError[]
  /** Data rows read (blank lines and total lines not counted). */
  dataRows: number
  /** Lines with at least one error. */
  invalidLines: number
}

interface Context {
  header: HeaderMap
  places: PlaceIndex
  allowed: Allowed
  locale: Locale
  /**
   * CSV only: the width of the header row. A CSV line with filled cells past it was split where it should not be
   * ("3;8;10" in a file separated by ";"), and its cells are in the wrong columns.
   */
  csvWidth?: number
}

function columnLabel(header: HeaderMap, field: Field): string {
  const col = header.columns[field]
  return col ? `${col.header} (${columnLetter(col.index)})` : field
}

function cellError(ctx: Context, line: number, field: Field, rule: string, vars?: Record<string, string | number>): RowError {
  const column = columnLabel(ctx.header, field)
  return {
    line,
    column,
    field,
    message: `${t(ctx.locale, 'lookup.import.at', { line, column })}: ${t(ctx.locale, `lookup.import.cell.${rule}`, vars)}`,
  }
}

/**
 * Rows with none of the household's own cells (code, head, village): blank lines, "Tổng cộng" lines, notes under
 * the table. They are not households, so they are neither imported nor errors.
 */
function isNotAHousehold(row: readonly Cell[], header: HeaderMap): boolean {
  if (isEmptyRow(row)) return true
  return (['code', 'head', 'village'] as const).every((f) => {
    const col = header.columns[f]
    return col === undefined || cellText(row[col.index] ?? null) === ''
  })
}

/**
 * Every data row checked against every rule, before anything is written. The errors name the line and the column
 * as the file writes it; duplicates (the same code and year twice in one commune) are errors on every line
 * involved, since the file does not say which one is right.
 */
export function validateRows(table: readonly Cell[][], ctx: Context): Validated {
  const { header, places, allowed } = ctx
  const errors: RowError[] = []
  const rows: ImportRow[] = []
  let dataRows = 0
  const badLines = new Set<number>()
  // A list repeats a handful of communes, villages and words thousands of times: each is resolved once.
  const communes = new Map<string, ReturnType<PlaceIndex['commune']>>()
  const villages = new Map<string, ReturnType<PlaceIndex['village']>>()
  const words = new Map<string, Parsed<unknown>>()
  const once = <T>(f: Field, cell: Cell, parse: (c: Cell) => Parsed<T>): Parsed<T> => {
    if (typeof cell !== 'string') return parse(cell)
    const key = `${f}|${cell}`
    let parsed = words.get(key) as Parsed<T> | undefined
    if (!parsed) {
      parsed = parse(cell)
      words.set(key, parsed)
    }
    return parsed
  }

  for (let r = header.row + 1; r < table.length; r++) {
    const row = table[r] ?? []
    if (isNotAHousehold(row, header)) continue
    dataRows++
    const line = r + 1
    const before = errors.length
    if (ctx.csvWidth !== undefined && row.slice(ctx.csvWidth).some((c) => cellText(c) !== '')) {
      errors.push({ line, message: `${t(ctx.locale, 'lookup.import.line', { line })}: ${t(ctx.locale, 'lookup.import.cell.extraCells')}` })
      badLines.add(line)
      continue
    }
    const cell = (f: Field): Cell => {
      const col = header.columns[f]
      return col === undefined ? null : (row[col.index] ?? null)
    }
    const take = <T>(f: Field, parsed: Parsed<T>): T | undefined => {
      if (parsed.ok) return parsed.value
      errors.push(cellError(ctx, line, f, parsed.rule, parsed.vars))
      return undefined
    }

    const code = take('code', parseCode(cell('code')))
    const head = take('head', parseName(cell('head')))
    const villageName = take('village', parseName(cell('village')))
    const communeText = take('commune', parseName(cell('commune')))
    const members = take('members', parseMembers(cell('members')))
    const category = take('category', once('category', cell('category'), parseCategory))
    const ethnicMinority = take('ethnicMinority', once('ethnicMinority', cell('ethnicMinority'), parseYesNo))
    const year = take('year', parseYear(cell('year')))
    const income = header.columns.incomePerPerson ? take('incomePerPerson', parseIncome(cell('incomePerPerson'))) : undefined
    const deprivations = header.columns.deprivations ? take('deprivations', parseDeprivations(cell('deprivations'))) : undefined

    let communeCode: string | undefined
    let formerCommuneCode: string | null = null
    let villageCode: string | undefined
    if (communeText !== undefined) {
      let match = communes.get(communeText)
      if (!match) {
        match = places.commune(communeText)
        communes.set(communeText, match)
      }
      if (!match.ok) {
        errors.push(cellError(ctx, line, 'commune', match.rule, { value: communeText, ...(match.rule === 'ambiguousCommune' ? match.vars : {}) }))
      } else {
        let village = villageName === undefined ? null : villages.get(`${match.namedCode}|${villageName}`)
        if (village === undefined && villageName !== undefined) {
          village = places.village(match.namedCode, villageName)
          villages.set(`${match.namedCode}|${villageName}`, village)
        }
        if (villageName !== undefined && !village) errors.push(cellError(ctx, line, 'village', 'name'))
        const inArea = canSee(allowed, {
          communeCode: match.communeCode,
          formerCommuneCode: match.formerCode,
          villageCode: village?.code ?? '',
        })
        if (!inArea) {
          errors.push(cellError(ctx, line, 'commune', 'outOfArea', { value: communeText }))
        } else {
          communeCode = match.communeCode
          formerCommuneCode = match.formerCode
          villageCode = village?.code
        }
      }
    }

    if (errors.length > before) {
      badLines.add(line)
      continue
    }
    rows.push({
      line,
      code: code as string,
      year: year as number,
      head: head as string,
      headKey: nameKey(head as string),
      communeCode: communeCode as string,
      formerCommuneCode,
      villageCode: villageCode as string,
      members: members as number,
      category: category as HouseholdCategory,
      ethnicMinority: ethnicMinority as boolean,
      incomePerPersonVnd: header.columns.incomePerPerson ? (income ?? null) : undefined,
      deprivations: header.columns.deprivations ? (deprivations ?? null) : undefined,
    })
  }

  // The same household twice in one file: every line involved is wrong until the file says which is right.
  const byKey = new Map<string, ImportRow[]>()
  for (const row of rows) {
    const key = `${row.communeCode}|${row.code}|${row.year}`
    byKey.set(key, [...(byKey.get(key) ?? []), row])
  }
  const duplicateLines = new Set<number>()
  for (const group of byKey.values()) {
    if (group.length < 2) continue
    const lines = group.map((g) => g.line)
    for (const row of group) {
      duplicateLines.add(row.line)
      badLines.add(row.line)
      const others = lines.filter((l) => l !== row.line).join(', ')
      errors.push(cellError(ctx, row.line, 'code', 'duplicate', { code: row.code, year: row.year, lines: others }))
    }
  }
  errors.sort((a, b) => a.line - b.line)
  return { rows: rows.filter((r) => !duplicateLines.has(r.line)), errors, dataRows, invalidLines: badLines.size }
}
