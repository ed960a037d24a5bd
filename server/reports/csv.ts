/** A report table as CSV (RFC 4180), with cells a spreadsheet will not run as formulas. */
import type { ReportTable } from './report.schema.ts';

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet (CSV injection).
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Pick<ReportTable, 'columns' | 'rows'>): string {
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
