/**
 * Page-side scripts of the add-in benchmarks: a sheet of applicants (one row of seven dimension
 * scores and five preliminary answers each, drawn from a seeded generator so each run is the same
 * sheet) and the SCORE and ELIGIBLE invocations of its rows, made as Excel makes them: every
 * parameter (track blank), then the invocation. Each evaluates to `{ ms, errors }`: how long until
 * every invocation settled, and how many settled with an error.
 */
export function sheetScript(applicants: number, seed: number): string {
  return `(() => {
    let seed = ${seed};
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sheet = [];
    for (let i = 0; i < ${applicants}; i++) {
      const scores = [Array.from({ length: 7 }, (_, d) => (d === 6 || random() < 0.45 ? Math.round(650 + random() * 350) / 10 : null))];
      const preliminary = [Array.from({ length: 5 }, () => random() < 0.97)];
      sheet.push([scores, preliminary]);
    }
    return sheet;
  })()`;
}

/** Every row's SCORE and ELIGIBLE at once (a recalculation of the sheet `sheet` evaluates to). */
export function recalculationScript(cellShows: string, sheet: string): string {
  return `(async () => {
    const cell = ${cellShows};
    const at = { parameterAddresses: ["Sheet1!H2:N2"] };
    const rows = ${sheet};
    const started = performance.now();
    const calls = [];
    for (const [scores, preliminary] of rows)
      calls.push(cell("SCORE", [scores, null, null, null, at]), cell("ELIGIBLE", [scores, null, preliminary, null, null, null, at]));
    const values = await Promise.all(calls);
    return { ms: performance.now() - started, errors: values.filter((v) => typeof v === "string").length };
  })()`;
}
