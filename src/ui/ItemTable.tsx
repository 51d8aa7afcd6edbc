import * as React from "react";
import { ITableColumn, SimpleTableCell, Table } from "azure-devops-ui/Table";
import { ArrayItemProvider } from "azure-devops-ui/Utilities/Provider";
import "./ItemTable.css";

export interface ItemColumn<T> {
  id: string;
  name: string;
  /** Width in pixels; a negative number is a share of the remaining width (-1, -2...). */
  width: number;
  render: (item: T) => React.ReactNode;
  /** Right-aligned, for figures. */
  numeric?: boolean;
}

export interface ItemTableProps<T> {
  ariaLabel: string;
  columns: readonly ItemColumn<T>[];
  items: readonly T[];
  /** Called on Enter or a click on a row. */
  onActivate?: (item: T) => void;
  /** The table scrolls within this height (pixels); rows outside the view are not rendered. */
  height?: number;
  className?: string;
}

/**
 * A read-only azure-devops-ui Table that virtualises its rows: however many items there are, only
 * the pages in view are in the DOM, so tens of thousands of rows stay responsive.
 */
export function ItemTable<T extends object>(props: ItemTableProps<T>): JSX.Element {
  const provider = React.useMemo(() => new ArrayItemProvider<T>(props.items as T[]), [props.items]);
  const columns = React.useMemo<ITableColumn<T>[]>(
    () =>
      props.columns.map((column) => ({
        id: column.id,
        name: column.name,
        width: column.width,
        renderCell: (_rowIndex: number, columnIndex: number, tableColumn: ITableColumn<T>, item: T) => (
          <SimpleTableCell key={`${column.id}-${columnIndex}`} columnIndex={columnIndex} tableColumn={tableColumn} className={column.numeric ? "mhhs-numeric" : undefined}>
            <span className="mhhs-cell">{column.render(item)}</span>
          </SimpleTableCell>
        ),
      })),
    [props.columns],
  );
  const onActivate = props.onActivate;
  return (
    <div className={`mhhs-item-table${props.className ? ` ${props.className}` : ""}`} style={props.height ? { maxHeight: props.height } : undefined}>
      <Table<T>
        ariaLabel={props.ariaLabel}
        columns={columns}
        itemProvider={provider}
        role="grid"
        scrollable={Boolean(props.height)}
        containerClassName={props.height ? "mhhs-item-table-scroll" : undefined}
        selectRowOnClick={false}
        onActivate={onActivate ? (_event, row) => onActivate(row.data) : undefined}
        showLines
      />
    </div>
  );
}
