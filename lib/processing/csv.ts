// CSV for spreadsheet software (French locale): `;` between cells, CRLF between lines. Pure module.

// A cell a spreadsheet would run as a formula (=, +, -, @) or that starts with a tab or carriage
// return is prefixed with an apostrophe: the value is then shown as text (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}
