// The peer's half of the side-by-side: expands every pattern of a file with @cloud-copilot/iam-expand (expandAsterisk on,
// so "*" is expanded as ours is), times whole passes over the list after a warm-up, and writes the expansions.
// node iam-expand.mjs <node_modules folder> <patterns file> <output file>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, patternsFile, outputFile] = process.argv.slice(2);
const { expandIamActions } = await import(pathToFileURL(join(modules, '@cloud-copilot/iam-expand/dist/esm/index.js')).href);
const patterns = readFileSync(patternsFile, 'utf8').split('\n').filter((line) => line.length > 0);
const options = { expandAsterisk: true };
const WARM_UP_MS = 3000;
const PASSES = 30;

async function pass() {
  let count = 0;
  for (const pattern of patterns) count += (await expandIamActions(pattern, options)).length;
  return count;
}

const warmStart = performance.now();
for (let i = 0; performance.now() - warmStart < WARM_UP_MS || i < 5; i++) await pass();

const times = [];
let matched = 0;
for (let i = 0; i < PASSES; i++) {
  const start = performance.now();
  matched = await pass();
  times.push(performance.now() - start);
}

times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const expansions = {};
for (const pattern of patterns) expansions[pattern] = [...(await expandIamActions(pattern, options))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
writeFileSync(outputFile, JSON.stringify({
  Tool: '@cloud-copilot/iam-expand', Patterns: patterns.length, MatchedPerPass: matched, MeanPassMs: mean, MedianPassMs: times[PASSES >> 1], Expansions: expansions,
}));
console.log(`iam-expand: ${patterns.length} patterns, ${matched} actions per pass; pass median ${times[PASSES >> 1].toFixed(3)} ms, mean ${mean.toFixed(3)} ms`);
