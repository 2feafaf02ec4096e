// The peer's half: shrinks each Allow statement's kept actions with iam-shrink at its default (2 iterations) and with no
// limit, timing each policy, and writes the documents it gives (each statement's Action replaced by the shrunk list;
// a statement that keeps nothing is left out).
// node iam-shrink.mjs <node_modules folder> <sample folder> <output file>
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, sampleDir, outputFile] = process.argv.slice(2);
const { shrink } = await import(pathToFileURL(join(modules, '@cloud-copilot/iam-shrink/dist/esm/index.js')).href);
const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const settings = { default: {}, unlimited: { iterations: Infinity } };

const results = [];
for (const file of readdirSync(sampleDir).filter((f) => f.endsWith('.kept.json')).sort()) {
  const { name, kept } = JSON.parse(readFileSync(join(sampleDir, file), 'utf8'));
  const { policy } = JSON.parse(readFileSync(join(sampleDir, `${name}.request.json`), 'utf8'));
  const item = { name };
  for (const [setting, options] of Object.entries(settings)) {
    const start = performance.now();
    const statements = [];
    let index = 0;
    for (const statement of list(policy.Statement)) {
      const actions = kept[index++];
      if (actions === null) { statements.push(statement); continue; }
      if (actions.length === 0) continue;
      const shrunk = await shrink(actions, options);
      const { NotAction, ...rest } = statement;
      statements.push(Object.fromEntries(Object.entries(NotAction === undefined ? rest : { ...rest, Action: null })
        .map(([k, v]) => [k, k === 'Action' ? shrunk : v])));
    }
    const ms = performance.now() - start;
    const document = statements.length === 0 ? null : { ...policy, Statement: statements };
    item[setting] = { ms, document };
  }
  results.push(item);
  console.log(`${name}: default ${item.default.ms.toFixed(0)} ms, unlimited ${item.unlimited.ms.toFixed(0)} ms`);
}
writeFileSync(outputFile, JSON.stringify(results));
