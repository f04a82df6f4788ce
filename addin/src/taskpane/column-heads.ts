/**
 * A table's header row: one column header (`scope="col"`, so a screen reader names each cell by
 * it) per label, with its class when given ("num" right-aligns a column of numbers).
 */
export function appendColumnHeads(
  table: HTMLTableElement,
  labels: ReadonlyArray<string | { label: string; className: string }>
): void {
  const head = table.createTHead().insertRow();
  for (const entry of labels) {
    const th = document.createElement("th");
    th.scope = "col";
    if (typeof entry === "string") th.textContent = entry;
    else {
      th.textContent = entry.label;
      th.className = entry.className;
    }
    head.append(th);
  }
}
