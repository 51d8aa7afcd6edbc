export { csvBlob, downloadBlob, exportFileName, guardText, sheetName, sheetOfRecords, toCsv, unguardText, xlsxBlob, xlsxBuffer, XLSX_TYPE } from "./spreadsheet";
export type { ExportCell, ExportColumn, ExportSheet } from "./spreadsheet";
export { ExportButtons } from "./ExportButtons";
export type { ExportButtonsProps, ExportFormat } from "./ExportButtons";
