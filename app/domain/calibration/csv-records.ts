/** One CSV record and the physical line (1-based) on which it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvRecordsResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

const isBreak = (ch: string | undefined): boolean => ch === "\n" || ch === "\r";

/**
 * Splits RFC 4180 text into records: fields separated by commas, optionally quoted; a quoted field
 * may hold commas, line breaks and doubled quotes. Lines end in CRLF, LF or CR. Blank lines are
 * skipped. A quote inside an unquoted field, text after a closing quote and an unterminated quote
 * are errors, reported on the line where their record starts.
 */
export function parseCsvRecords(input: string): CsvRecordsResult {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  const skipBreak = (): void => {
    if (text[i] === "\r" && text[i + 1] === "\n") i += 1;
    i += 1;
    line += 1;
  };
  while (i < text.length) {
    if (isBreak(text[i])) {
      skipBreak();
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        let value = "";
        i += 1;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close < 0) return { ok: false, line: recordLine, message: "unterminated quoted field" };
          const chunk = text.slice(i, close);
          line += (chunk.match(/\r\n|\r|\n/g) ?? []).length;
          value += chunk;
          i = close + 1;
          if (text[i] !== '"') break;
          value += '"';
          i += 1;
        }
        if (i < text.length && text[i] !== "," && !isBreak(text[i])) {
          return { ok: false, line: recordLine, message: "unexpected text after a closing quote" };
        }
        fields.push(value);
      } else {
        const start = i;
        while (i < text.length && text[i] !== "," && !isBreak(text[i])) {
          if (text[i] === '"') return { ok: false, line: recordLine, message: "quote inside an unquoted field" };
          i += 1;
        }
        fields.push(text.slice(start, i));
      }
      if (text[i] !== ",") break;
      i += 1;
    }
    records.push({ line: recordLine, fields });
    if (i < text.length) skipBreak();
  }
  return { ok: true, records };
}

/** A field as RFC 4180 writes it: quoted (quotes doubled) only when it holds a comma, quote or line break. */
export function formatCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`,
 * `+`, `-` or `@` as a formula, and tab or carriage return can hide one. Such a text cell is written
 * with a leading single quote, which spreadsheets show as text and do not display. To keep the round
 * trip exact, a value that already starts with quotes before one of those characters gets one more
 * quote, and reading removes exactly one: `=x` -> `'=x` -> `=x`, `'=x` -> `''=x` -> `'=x`.
 * Only text columns are treated: numbers are written from numbers (e.g. a score `-1`), which a
 * spreadsheet reads as a number, never as a formula.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseFormula on everything it writes. */
export function restoreFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}
