import { parse as parseCsv } from 'csv-parse/sync'
import { unzipSync, zipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/universal'
import { findHeader, knownColumns } from './columns.ts'

/**
 * A commune's file → a table of cells, for XLSX and CSV alike, on Node and on Workers (the console upload).
 * The file is recognised by its bytes, not its name. Nothing here knows what the columns mean.
 */

/** What a spreadsheet cell holds. CSV cells are always strings. */
export type Cell = string | number | boolean | Date | null

export interface Table {
  format: 'xlsx' | 'csv'
  /** Rows as the officer sees them: `rows[0]` is line 1. */
  rows: Cell[][]
  /** CSV only. */
  encoding?: 'utf-8' | 'windows-1258' | 'utf-16le'
  delimiter?: string
  /** XLSX only: the sheet read. */
  sheet?: string
}

export type FileProblem =
  | { kind: 'empty' }
  | { kind: 'tooLarge'; bytes: number; maxBytes: number }
  | { kind: 'tooManyRows'; rows: number; maxRows: number }
  | { kind: 'xls' }
  | { kind: 'notSpreadsheet' }
  | { kind: 'brokenXlsx' }
  | { kind: 'brokenCsv'; line: number | null }

/** Largest file taken: a province's lists are ~1 MB as XLSX and ~2 MB as CSV per 20,000 households. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
/** Largest unpacked XLSX content: a Worker has 128 MB, and a zip can hide far more than its size. */
export const MAX_UNZIPPED_BYTES = 80 * 1024 * 1024
export const MAX_ROWS = 100_000

type Read = { ok: true; table: Table } | { ok: false; problem: FileProblem }

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

/** Reads a commune's file. Never throws for bad input: every way a file can be wrong is a `FileProblem`. */
export async function readTable(bytes: Uint8Array): Promise<Read> {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, problem: { kind: 'tooLarge', bytes: bytes.length, maxBytes: MAX_FILE_BYTES } }
  if (isBlank(bytes)) return { ok: false, problem: { kind: 'empty' } }
  if (startsWith(bytes, OLE2)) return { ok: false, problem: { kind: 'xls' } }
  const read = startsWith(bytes, ZIP) ? await readXlsx(bytes) : readCsv(bytes)
  if (!read.ok) return read
  const rows = read.table.rows
  while (rows.length > 0 && isEmptyRow(rows[rows.length - 1]!)) rows.pop()
  if (rows.length === 0) return { ok: false, problem: { kind: 'empty' } }
  if (rows.length > MAX_ROWS + 20) return { ok: false, problem: { kind: 'tooManyRows', rows: rows.length, maxRows: MAX_ROWS } }
  return read
}

export function isEmptyRow(row: readonly Cell[]): boolean {
  return row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    // BOM bytes, whitespace and NUL (an empty UTF-16 file) do not make a file.
    if (b !== 0xef && b !== 0xbb && b !== 0xbf && b !== 0xff && b !== 0xfe && b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0) return false
  }
  return true
}

async function readXlsx(bytes: Uint8Array): Promise<Read> {
  let entries: Record<string, Uint8Array>
  let unpacked = 0
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (!(file.name.endsWith('.xml') || file.name.endsWith('.xml.rels'))) return false
        unpacked += file.originalSize
        return true
      },
    })
  } catch {
    return { ok: false, problem: { kind: 'brokenXlsx' } }
  }
  if (unpacked > MAX_UNZIPPED_BYTES) return { ok: false, problem: { kind: 'tooLarge', bytes: bytes.length, maxBytes: MAX_FILE_BYTES } }
  if (!entries['xl/workbook.xml']) return { ok: false, problem: { kind: 'notSpreadsheet' } }
  // read-excel-file unzips with fflate's asynchronous unzip, which starts a Web Worker for every entry over
  // 512 KB; Workers has no `Worker`, so a real commune list fails there ("Worker is not defined"). Unzipped
  // here synchronously and handed over re-packed without compression, it takes fflate's synchronous path.
  const stored = zipSync(entries, { level: 0 })
  let sheets: { sheet: string; data: Cell[][] }[]
  try {
    sheets = (await readXlsxFile(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer)) as {
      sheet: string
      data: Cell[][]
    }[]
  } catch {
    return { ok: false, problem: { kind: 'brokenXlsx' } }
  }
  // The list is the first sheet with a recognisable header (a cover sheet or notes may come first).
  const chosen = sheets.find((s) => findHeader(s.data).ok) ?? sheets[0]
  if (!chosen) return { ok: false, problem: { kind: 'empty' } }
  return { ok: true, table: { format: 'xlsx', rows: chosen.data, sheet: chosen.sheet } }
}

/**
 * The text of a CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1258,
 * the code page of Vietnamese Windows. Bytes that are not valid UTF-8 are almost never UTF-8 by accident.
 * Windows-1258 writes tones as combining marks, so the text is put in NFC. `TextDecoder` knows windows-1258 on
 * Node and on Workers, so no encoding library is bundled.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<Table['encoding']> } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body).normalize('NFC'), encoding: 'utf-8' }
  } catch {
    // not UTF-8
  }
  return { text: new TextDecoder('windows-1258').decode(body).normalize('NFC'), encoding: 'windows-1258' }
}

/** Control characters other than tab and line breaks: a binary file (PDF, image, Word document). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096)
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++
  }
  return control > 0 || sample.startsWith('%PDF')
}

const DELIMITERS = [',', ';', '\t'] as const

function parseWith(text: string, delimiter: string, toLine?: number): string[][] {
  return parseCsv(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    ...(toLine ? { to_line: toLine } : {}),
  }) as string[][]
}

function readCsv(bytes: Uint8Array): Read {
  const decoded = decodeText(bytes)
  if (looksBinary(decoded.text)) return { ok: false, problem: { kind: 'notSpreadsheet' } }
  const text = decoded.text.replace(/^\uFEFF/, '')
  // The delimiter is the one under which the first lines name the most known columns (a name may hold a comma).
  let delimiter: string = DELIMITERS[0]
  let bestScore = -1
  for (const d of DELIMITERS) {
    let score = 0
    try {
      for (const row of parseWith(text, d, 20)) score = Math.max(score, knownColumns(row))
    } catch {
      continue
    }
    if (score > bestScore) {
      bestScore = score
      delimiter = d
    }
  }
  try {
    return { ok: true, table: { format: 'csv', rows: parseWith(text, delimiter), encoding: decoded.encoding, delimiter } }
  } catch (error) {
    const line = (error as { lines?: unknown }).lines
    return { ok: false, problem: { kind: 'brokenCsv', line: typeof line === 'number' ? line : null } }
  }
}
