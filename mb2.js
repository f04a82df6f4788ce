const s = require("./shared/dist");
const { compileRules } = require("./shared/dist/compiled-rules");
const { readApplication } = require("./shared/dist/read-application");
const { applyRules } = require("./shared/dist/evaluate");
const { sampleApplications } = require("./bench/dist/applications");
const apps = JSON.parse(JSON.stringify(sampleApplications(10000)));
const rules = compileRules(s.BASELINE_RULESET);
const checked = apps.map(a => readApplication(a, rules));
for (let r = 0; r < 6; r++) {
  let t = performance.now(); let n = 0;
  for (let k = 0; k < 50; k++) for (const a of apps) { if (readApplication(a, rules).overall) n++; }
  const read = (performance.now() - t) / 500000 * 1e6;
  t = performance.now();
  for (let k = 0; k < 50; k++) for (const c of checked) { if (applyRules(c, rules).eligible) n++; }
  const apply = (performance.now() - t) / 500000 * 1e6;
  console.log(`read ${read.toFixed(0)} ns, apply ${apply.toFixed(0)} ns`);
}
