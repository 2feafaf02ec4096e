// Checks and counts both halves of the side-by-side with iam-shrink: every document of both tools must allow exactly the
// statements' kept actions over the whole catalog (IAM's matching, written here from its documentation); every split part
// must fit, the parts together allowing exactly the same, in at most ceil(characters / limit) + 1 parts. Then totals of
// characters (white space not counted, as IAM counts) and entries, and median times per policy.
// node shrink-report.mjs <iam-catalog.json.gz> <sample folder> <ours.json> <peer.json>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, patternRegex } from '../scripts/catalog.mjs';

const [catalogPath, sampleDir, oursFile, peerFile] = process.argv.slice(2);
const catalog = loadCatalog(catalogPath);
const ours = JSON.parse(readFileSync(oursFile, 'utf8'));
const peer = new Map(JSON.parse(readFileSync(peerFile, 'utf8')).map((p) => [p.name, p]));
const list = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

const byService = new Map();
catalog.actions.forEach((a, i) => {
  if (!byService.has(a.service)) byService.set(a.service, []);
  byService.get(a.service).push(i);
});

// The catalog actions a pattern matches; one whose service part has no wildcard is tried on that service's actions only.
function matches(pattern) {
  const regex = patternRegex(pattern);
  const colon = pattern.indexOf(':');
  const service = colon > 0 ? pattern.slice(0, colon).toLowerCase() : null;
  const candidates = service !== null && !/[*?]/.test(service) ? byService.get(service) ?? [] : catalog.actions.map((_, i) => i);
  return candidates.filter((i) => regex.test(catalog.actions[i].full));
}

function allowed(documents) {
  const set = new Set();
  for (const document of documents) {
    for (const s of list(document?.Statement)) {
      if (s.Effect !== 'Allow') continue;
      if (s.Action !== undefined) list(s.Action).forEach((p) => matches(p).forEach((i) => set.add(i)));
      else if (s.NotAction !== undefined) {
        const excluded = new Set(list(s.NotAction).flatMap(matches));
        catalog.actions.forEach((_, i) => { if (!excluded.has(i)) set.add(i); });
      }
    }
  }
  return set;
}

const size = (document) => (document === null ? 0 : JSON.stringify(document).replace(/\s/g, '').length);
const entries = (document) => list(document?.Statement).reduce((n, s) => n + list(s.Action ?? s.NotAction).length, 0);
const median = (values) => { const v = [...values].sort((a, b) => a - b); return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2; };

const tools = { prefix: [], 'prefix-compact': [], compact: [], 'iam-shrink default': [], 'iam-shrink unlimited': [] };
const failures = [];
const overLimit = { prefix: 0, compact: 0 };
const splitsWithinBound = { prefix: 0, compact: 0 };
const rewritten = { prefix: [], compact: [] };
const byRule = { prefix: [], compact: [] };
for (const item of ours) {
  const { kept } = JSON.parse(readFileSync(join(sampleDir, `${item.name}.kept.json`), 'utf8'));
  const expected = new Set(kept.filter((k) => k !== null).flat().map((full) => catalog.actions.findIndex((a) => a.full === full)));
  const results = {
    prefix: { document: item.prefix.document, ms: item.prefix.medianMs },
    'prefix-compact': { document: item['prefix-compact'].document, ms: item['prefix-compact'].medianMs },
    compact: { document: item.compact.document, ms: item.compact.medianMs },
    'iam-shrink default': { document: peer.get(item.name).default.document, ms: peer.get(item.name).default.ms },
    'iam-shrink unlimited': { document: peer.get(item.name).unlimited.document, ms: peer.get(item.name).unlimited.ms },
  };
  for (const [tool, result] of Object.entries(results)) {
    const got = allowed([result.document]);
    const wrong = [...got].filter((i) => !expected.has(i)).concat([...expected].filter((i) => !got.has(i)));
    if (wrong.length > 0) failures.push(`${item.name} ${tool}: ${wrong.length} actions wrong, e.g. ${catalog.actions[wrong[0]].full}`);
    tools[tool].push({ characters: size(result.document), entries: entries(result.document), ms: result.ms });
  }

  // The bound counts the characters of the document split: an Allow NotAction list too large for one part is split as the
  // Action list of the catalog actions it allows (splitCharacters), which is longer. A Deny NotAction list too large for one
  // part cannot be cut nor rewritten (each would change what it denies): its part stays over the limit by the rule, warned.
  for (const mode of ['prefix', 'compact']) {
    const r = item[mode];
    if (r.characters <= r.limit) continue;
    overLimit[mode]++;
    const parts = r.split ?? [];
    const together = allowed(parts.map((p) => p.document));
    const over = parts.filter((p) => size(p.document) > r.limit);
    const denyNotAction = (p) => list(p.document.Statement).length === 1 && list(p.document.Statement)[0].Effect === 'Deny' && list(p.document.Statement)[0].NotAction !== undefined;
    const bound = Math.ceil((r.splitCharacters ?? r.characters) / r.limit) + 1;
    if (over.length > 0 && over.every(denyNotAction)) {
      byRule[mode].push(`${item.name} (${over.length} part over the limit: a Deny NotAction statement)`);
    } else if (over.length > 0) {
      failures.push(`${item.name} ${mode}: a part of the split is over ${r.limit}`);
    }
    if (together.size !== expected.size || [...together].some((i) => !expected.has(i))) failures.push(`${item.name} ${mode}: the split allows something else`);
    if (parts.length > bound) failures.push(`${item.name} ${mode}: ${parts.length} parts for ${r.splitCharacters ?? r.characters} characters (bound ${bound})`);
    else if (over.length === 0) splitsWithinBound[mode]++;
    if (r.splitCharacters !== undefined && r.splitCharacters !== r.characters) {
      rewritten[mode].push(`${item.name}: ${parts.length} parts; bound ${bound} from the ${r.splitCharacters} characters split, ${Math.ceil(r.characters / r.limit) + 1} from the recommendation's ${r.characters}`);
    }
  }
}

console.log(`policies: ${ours.length}`);
console.log('| tool | total characters | total entries | median time per policy (ms) |');
console.log('| --- | ---: | ---: | ---: |');
for (const [tool, rows] of Object.entries(tools)) {
  const characters = rows.reduce((n, r) => n + r.characters, 0);
  const count = rows.reduce((n, r) => n + r.entries, 0);
  console.log(`| ${tool} | ${characters.toLocaleString('en-US')} | ${count.toLocaleString('en-US')} | ${median(rows.map((r) => r.ms)).toFixed(2)} |`);
}
const total = (tool, key) => tools[tool].reduce((n, r) => n + r[key], 0);
console.log(`compact characters / iam-shrink unlimited: ${(total('compact', 'characters') / total('iam-shrink unlimited', 'characters')).toFixed(3)} (target <= 0.9)`);
console.log(`compact median time / iam-shrink default median: ${(median(tools.compact.map((r) => r.ms)) / median(tools['iam-shrink default'].map((r) => r.ms))).toFixed(4)} (target <= 0.1)`);
console.log(`prefix entries ${total('prefix', 'entries')} vs iam-shrink unlimited ${total('iam-shrink unlimited', 'entries')} (target: fewer)`);
console.log(`prefix (compact: true) entries ${total('prefix-compact', 'entries')}`);
for (const mode of ['prefix', 'compact']) {
  console.log(`over the limit in ${mode} mode: ${overLimit[mode]}; split within ceil(characters / limit) + 1 parts, each fitting: ${splitsWithinBound[mode]}`);
  rewritten[mode].forEach((r) => console.log(`  NotAction written as an Action list: ${r}`));
  byRule[mode].forEach((r) => console.log(`  not split, by the rule: ${r}`));
}
console.log(`exactness and split failures: ${failures.length}`);
failures.forEach((f) => console.log(`  ${f}`));
process.exitCode = failures.length === 0 ? 0 : 1;
