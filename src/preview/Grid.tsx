/**
 * A read-only spreadsheet view of one worksheet: column letters, row numbers, cells with
 * their values and formats, merged areas, the selected cell highlighted. Clicking a cell or
 * moving with the arrow keys selects it through the host, as a click in Excel would.
 */
import { makeStyles } from '@fluentui/react-components';
import type ExcelJS from 'exceljs';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { cellAddress, columnLetter } from '../core/snapshot';
import type { PreviewText } from '../i18n/preview';
import { buildGrid, type GridCell, type GridModel } from './render';

const HEADER_BG = '#F3F3F3';
const HEADER_LINE = '#C8C8C8';
const SELECTED_HEADER_BG = '#DCDCDC';
const SELECTED_HEADER_TEXT = '#0E4F2A';
const SELECTION = '#107C41';
const ROW_HEADER_WIDTH = 44;
const HEADER_HEIGHT = 22;

const useStyles = makeStyles({
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    tableLayout: 'fixed',
    fontFamily: '"Calibri", "Carlito", "Segoe UI", "Liberation Sans", Arial, sans-serif',
    fontSize: '11pt',
    lineHeight: 1.25,
    color: '#000000',
    backgroundColor: '#FFFFFF',
  },
  cell: {
    padding: '1px 3px',
    boxSizing: 'border-box',
    scrollMarginTop: `${HEADER_HEIGHT}px`,
    scrollMarginLeft: `${ROW_HEADER_WIDTH}px`,
    cursor: 'cell',
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': { outline: `2px dashed ${SELECTION}`, outlineOffset: '-4px' },
  },
  selected: { boxShadow: `inset 0 0 0 2px ${SELECTION}` },
  formula: { color: '#595959', fontStyle: 'italic' },
  bar: { position: 'absolute', left: '2px', top: '3px', bottom: '3px', opacity: 0.55, pointerEvents: 'none' },
  barText: { position: 'relative' },
  // Text flowing over empty cells stops at the next filled one, as in Excel.
  flow: { display: 'block', width: 'max-content', overflow: 'hidden' },
  header: {
    position: 'sticky',
    backgroundColor: HEADER_BG,
    color: '#444444',
    fontFamily: '"Segoe UI", "Liberation Sans", Arial, sans-serif',
    fontSize: '12px',
    fontWeight: 400,
    textAlign: 'center',
    padding: 0,
    boxSizing: 'border-box',
    borderRight: `1px solid ${HEADER_LINE}`,
    borderBottom: `1px solid ${HEADER_LINE}`,
    userSelect: 'none',
  },
  colHeader: { top: 0, zIndex: 2, height: `${HEADER_HEIGHT}px` },
  rowHeader: { left: 0, zIndex: 1 },
  corner: { top: 0, left: 0, zIndex: 3 },
  selectedHeader: {
    backgroundColor: SELECTED_HEADER_BG,
    color: SELECTED_HEADER_TEXT,
    fontWeight: 600,
  },
  colSelected: { borderBottom: `2px solid ${SELECTION}` },
  rowSelected: { borderRight: `2px solid ${SELECTION}` },
});

export interface GridProps {
  worksheet: ExcelJS.Worksheet;
  /** Changes whenever the workbook does (ExcelJS objects change in place). */
  version: number;
  selection: { row: number; col: number } | null;
  onSelect(row: number, col: number): void;
  theme: string[];
  date1904: boolean;
  t: PreviewText;
  /** Says what the grid shows (the caller puts it in its status bar). */
  onModel?(model: GridModel): void;
}

export function Grid({ worksheet, version, selection, onSelect, theme, date1904, t, onModel }: GridProps) {
  const styles = useStyles();
  const tableRef = useRef<HTMLTableElement>(null);
  // The selected cell by value: a new object for the same cell builds no new grid.
  const selRow = selection?.row ?? null;
  const selCol = selection?.col ?? null;
  const model = useMemo(
    () =>
      buildGrid(worksheet, {
        theme,
        date1904,
        include: selRow !== null && selCol !== null ? { row: selRow, col: selCol } : null,
      }),
    // `version` stands for the changes ExcelJS makes to `worksheet` in place, which the rule cannot see.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [worksheet, version, theme, date1904, selRow, selCol],
  );
  useEffect(() => onModel?.(model), [model, onModel]);

  const byAddress = useMemo(() => {
    const map = new Map<string, GridCell>();
    for (const r of model.rows) for (const c of r.cells) map.set(c.address, c);
    return map;
  }, [model]);

  // The selection, as the top-left cell of its merged area.
  const selectedAddress = selection
    ? (model.mergedInto.get(cellAddress(selection.row, selection.col)) ??
      cellAddress(selection.row, selection.col))
    : null;
  const selected = selectedAddress ? byAddress.get(selectedAddress) : undefined;
  const inSelection = (row: number, col: number) =>
    !!selected &&
    row >= selected.row &&
    row < selected.row + selected.rowSpan &&
    col >= selected.col &&
    col < selected.col + selected.colSpan;

  useEffect(() => {
    if (!selectedAddress) return;
    const td = tableRef.current?.querySelector<HTMLElement>(`[data-cell="${selectedAddress}"]`);
    if (!td) return;
    td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (tableRef.current?.contains(document.activeElement) && document.activeElement !== td)
      td.focus({ preventScroll: true });
  }, [selectedAddress, model]);

  const move = (e: KeyboardEvent<HTMLTableElement>) => {
    const from = selected ?? byAddress.get('A1');
    if (!from) return;
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [from.rowSpan, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, from.colSpan],
      PageUp: [-20, 0],
      PageDown: [20, 0],
    };
    let row: number;
    let col: number;
    if (e.key === 'Home') [row, col] = e.ctrlKey ? [1, 1] : [from.row, 1];
    else if (step[e.key]) [row, col] = [from.row + step[e.key][0], from.col + step[e.key][1]];
    else return;
    e.preventDefault();
    row = Math.min(Math.max(1, row), model.rowCount);
    col = Math.min(Math.max(1, col), model.colCount);
    onSelect(row, col);
  };

  const totalWidth = ROW_HEADER_WIDTH + model.colWidths.reduce((a, b) => a + b, 0);
  const focusable = selected?.address ?? 'A1';

  return (
    <table
      ref={tableRef}
      role="grid"
      aria-readonly="true"
      aria-label={t.grid(model.sheet)}
      className={styles.table}
      style={{ width: `${totalWidth}px` }}
      onKeyDown={move}
      data-sheet={model.sheet}
    >
      <colgroup>
        <col style={{ width: `${ROW_HEADER_WIDTH}px` }} />
        {model.colWidths.map((w, i) => (
          <col key={i} style={{ width: `${w}px` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <td className={`${styles.header} ${styles.corner}`} />
          {model.colWidths.map((_, i) => {
            const col = i + 1;
            const on = !!selected && col >= selected.col && col < selected.col + selected.colSpan;
            return (
              <th
                key={col}
                scope="col"
                className={`${styles.header} ${styles.colHeader} ${on ? `${styles.selectedHeader} ${styles.colSelected}` : ''}`}
              >
                {columnLetter(col)}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {model.rows.map((r) => {
          const on = !!selected && r.row >= selected.row && r.row < selected.row + selected.rowSpan;
          return (
            <tr key={r.row} style={{ height: `${r.height ?? 20}px`, display: r.hidden ? 'none' : undefined }}>
              <th
                scope="row"
                className={`${styles.header} ${styles.rowHeader} ${on ? `${styles.selectedHeader} ${styles.rowSelected}` : ''}`}
              >
                {r.row}
              </th>
              {r.cells.map((c) => {
                const isSelected = c.address === selected?.address;
                return (
                  <td
                    key={c.address}
                    data-cell={c.address}
                    rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                    colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                    aria-selected={isSelected ? true : undefined}
                    tabIndex={c.address === focusable ? 0 : -1}
                    title={c.formula ? t.formula : undefined}
                    className={`${styles.cell} ${isSelected || inSelection(c.row, c.col) ? styles.selected : ''} ${c.formula ? styles.formula : ''}`}
                    style={c.bar ? { ...c.style, position: 'relative' } : c.style}
                    onMouseDown={() => onSelect(c.row, c.col)}
                  >
                    {c.bar && (
                      <span
                        className={styles.bar}
                        style={{
                          width: `calc(${(c.bar.length * 100).toFixed(1)}% - 4px)`,
                          backgroundColor: c.bar.color,
                        }}
                      />
                    )}
                    {c.bar ? (
                      <span className={styles.barText}>{c.text}</span>
                    ) : c.flowWidth !== null ? (
                      <span className={styles.flow} style={{ maxWidth: `${c.flowWidth - 6}px` }}>
                        {c.runs
                          ? c.runs.map((run, i) => (
                              <span key={i} style={run.style}>
                                {run.text}
                              </span>
                            ))
                          : c.text}
                      </span>
                    ) : c.runs ? (
                      c.runs.map((run, i) => (
                        <span key={i} style={run.style}>
                          {run.text}
                        </span>
                      ))
                    ) : (
                      c.text
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
