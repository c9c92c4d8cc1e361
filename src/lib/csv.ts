/**
 * A small RFC 4180 CSV parser: quoted fields, doubled quotes, CRLF.
 * Pure; used at build time by the data loaders and by unit tests.
 */
export interface CsvTable {
  header: string[];
  /** Rows as objects keyed by header; `line` is the 1-based line in the file. */
  rows: { line: number; values: Record<string, string> }[];
}

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}: row at line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

export function parseCsv(text: string, file = '<csv>'): CsvTable {
  const records: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvError(file, recordLine, 'unterminated quoted field');
  if (field !== '' || fields.length) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  const head = records.shift();
  if (!head) throw new CsvError(file, 1, 'the file is empty: a header row is required');
  const header = head.fields.map((h) => h.trim());
  const rows = records.map(({ line: l, fields: f }) => {
    if (f.length !== header.length) {
      throw new CsvError(file, l, `expected ${header.length} fields (${header.join(', ')}), found ${f.length}`);
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = f[j]!.trim()));
    return { line: l, values };
  });
  return { header, rows };
}
