import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { failureMessage } from "../../../ado/errors";
import { csvBlob, saveBlob, SheetToWrite, xlsxBlob } from "../../../ui/spreadsheets";

/** Export as CSV (the first sheet) or XLSX (every sheet); the files read back through the import. */
export function ExportButtons(props: { baseName: string; sheets: () => SheetToWrite[] }): JSX.Element {
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | undefined>();
  const run = async (format: "csv" | "xlsx") => {
    setBusy(true);
    setError(undefined);
    try {
      const sheets = props.sheets();
      const blob = format === "csv" ? await csvBlob(sheets[0]) : await xlsxBlob(sheets);
      saveBlob(blob, `${props.baseName}.${format}`);
    } catch (e) {
      setError(`The export failed: ${failureMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button text="Export CSV" iconProps={{ iconName: "Download" }} disabled={busy} onClick={() => void run("csv")} />
      <Button text="Export XLSX" iconProps={{ iconName: "ExcelDocument" }} disabled={busy} onClick={() => void run("xlsx")} />
      {error ? (
        <span className="mhhs-bad" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
