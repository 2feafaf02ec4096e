// The embedded action catalog and IAM's action matching (case-insensitive, '*' any run, '?' one character), for the scripts.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function loadCatalog(path) {
  const file = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  const actions = [];
  for (const service of file.services) {
    for (const names of Object.values(service.actions)) {
      for (const name of names) actions.push({ service: service.prefix, name, full: `${service.prefix}:${name}` });
    }
  }
  actions.sort((a, b) => (a.full.toLowerCase() < b.full.toLowerCase() ? -1 : a.full.toLowerCase() > b.full.toLowerCase() ? 1 : 0));
  return { version: file.version, services: file.services.map((s) => s.prefix).sort(), actions };
}

export function patternRegex(pattern) {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '.').replace(/\*/g, '.*');
  return new RegExp(`^${body}$`, 'i');
}

export function matchAll(catalog, pattern) {
  const regex = patternRegex(pattern);
  return catalog.actions.filter((a) => regex.test(a.full));
}
