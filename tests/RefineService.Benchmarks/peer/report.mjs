// Compares the two halves' figures and expansions: the speed ratio, and every pattern on which they disagree.
// node report.mjs <ours.json> <peer.json>
import { readFileSync } from 'node:fs';

const [oursFile, peerFile] = process.argv.slice(2);
const ours = JSON.parse(readFileSync(oursFile, 'utf8'));
const peer = JSON.parse(readFileSync(peerFile, 'utf8'));
const perPattern = (r) => (r.MedianPassMs * 1000) / r.Patterns;

console.log(`patterns: ${ours.Patterns}`);
for (const r of [peer, ours]) {
  console.log(`${r.Tool}: pass median ${r.MedianPassMs.toFixed(3)} ms (mean ${r.MeanPassMs.toFixed(3)} ms), ${perPattern(r).toFixed(2)} µs per pattern, ${r.MatchedPerPass} actions`);
}
console.log(`ratio (peer median / ours median): ${(peer.MedianPassMs / ours.MedianPassMs).toFixed(1)}x`);

const disagreements = [];
for (const pattern of Object.keys(ours.Expansions)) {
  const a = ours.Expansions[pattern];
  const b = peer.Expansions[pattern] ?? [];
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
    const setB = new Set(b);
    const setA = new Set(a);
    disagreements.push({ pattern, ours: a.length, peer: b.length, onlyOurs: a.filter((x) => !setB.has(x)).slice(0, 3), onlyPeer: b.filter((x) => !setA.has(x)).slice(0, 3) });
  }
}
console.log(`identical expansions: ${ours.Patterns - disagreements.length} of ${ours.Patterns}`);
for (const d of disagreements) {
  console.log(`  differs: ${d.pattern}: ours ${d.ours}, peer ${d.peer}; only ours e.g. ${JSON.stringify(d.onlyOurs)}, only peer e.g. ${JSON.stringify(d.onlyPeer)}`);
}
