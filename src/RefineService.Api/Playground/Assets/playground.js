// The playground: reads the form into a request of POST /v1/recommendations, sends it, and shows the answer or the
// problems next to the inputs they concern. Everything it loads comes from this service.

import { clearProblems, fieldFor, showProblem, showProblemDetails } from './problems.js';
import { drawDiff } from './diff.js';
import { drawTrie } from './trie.js';
import { drawAccessLevels, drawSize } from './figures.js';

const $ = id => document.getElementById(id);
let config = { apiKeyRequired: false, apiKeyHeader: 'X-Api-Key', examples: {} };
let recommendedText = '';

async function loadConfig() {
  const response = await fetch('/playground/config.json');
  if (response.ok) {
    config = await response.json();
  }
  $('field-apiKey').hidden = !config.apiKeyRequired;
}

function evidenceKind() {
  return document.querySelector('input[name="evidence"]:checked').value;
}

function list(text, separator) {
  return text.split(separator).map(s => s.trim()).filter(s => s.length > 0);
}

// The request the form describes; null when an input cannot be sent (the problem is then shown beside it).
function readRequest() {
  const request = {};
  let readable = true;

  // The policy goes as the text typed: the service reads a string holding a policy's JSON, and says where it is wrong.
  request.policy = $('policy').value;
  request.policyKind = $('policyKind').value;

  const evidence = $('evidence').value.trim();
  const kind = evidenceKind();
  if (evidence.length > 0) {
    try {
      let value = JSON.parse(evidence);
      // A request holding the list (as the seed article's) is taken as well as the list itself.
      if (kind === 'unusedPermissions' && value && !Array.isArray(value) && 'unusedPermissions' in value) {
        value = value.unusedPermissions;
      }
      request[kind] = value;
    } catch (error) {
      showProblem(`$.${kind}`, `This is not JSON: ${error.message}`, 'error');
      readable = false;
    }
  }

  const options = { explain: true, wildcards: $('wildcards').value, fit: $('fit').value, compact: $('compact').checked };
  const days = $('unusedForDays').value.trim();
  if (days.length > 0) {
    // A whole number goes as a number; anything else as typed, for the service to say what is wrong with it.
    options.unusedForDays = /^-?\d+$/.test(days) ? Number(days) : days;
  }
  const asOf = $('asOf').value.trim();
  if (asOf.length > 0) {
    options.asOf = asOf;
  }
  const keep = list($('keep').value, /[\n,]/);
  if (keep.length > 0) {
    options.keep = keep;
  }
  const levels = [...document.querySelectorAll('input[name="accessLevel"]:checked')].map(box => box.value);
  if (levels.length > 0) {
    options.accessLevels = levels;
  }
  const skip = list($('skipStatements').value, ',');
  if (skip.length > 0) {
    options.skipStatements = skip;
  }
  request.options = options;
  return readable ? request : null;
}

async function recommend(event) {
  event?.preventDefault();
  clearProblems();
  const request = readRequest();
  if (request === null) {
    $('results').hidden = true;
    return;
  }

  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (config.apiKeyRequired) {
    if ($('apiKey').value.length === 0) {
      showProblem('$.apiKey', 'The service needs an API key.', 'error');
      return;
    }
    headers[config.apiKeyHeader] = $('apiKey').value;
  }

  $('status').textContent = 'Refining…';
  $('recommend').disabled = true;
  try {
    const response = await fetch('/v1/recommendations', { method: 'POST', headers, body: JSON.stringify(request) });
    const answer = await response.json().catch(() => null);
    if (!response.ok) {
      $('results').hidden = true;
      if (response.status === 401) {
        showProblem('$.apiKey', 'The service does not know this API key.', 'error');
      } else {
        showProblemDetails(answer, response.status);
      }
      $('status').textContent = '';
      return;
    }
    showAnswer(answer);
    $('status').textContent = `Done (catalog ${answer.catalogVersion}).`;
  } catch (error) {
    showProblem(null, `The service could not be reached: ${error.message}`, 'error');
    $('status').textContent = '';
  } finally {
    $('recommend').disabled = false;
  }
}

function showAnswer(answer) {
  const recommendation = answer.recommendations[0];
  $('recommended-action').textContent = recommendation.recommendedAction;
  recommendedText = recommendation.recommendedPolicy ? JSON.stringify(recommendation.recommendedPolicy, null, 2) : '';
  $('recommended-policy').textContent = recommendedText || 'No statement is left: detach the policy.';
  $('copy-policy').disabled = !recommendedText;
  $('download-policy').disabled = !recommendedText;

  // Each replaced wildcard, in document order, with the id of its picture so that the diff can link to it.
  const replacements = recommendation.changes.flatMap(change => change.replaced.map(r => ({ ...r, statement: change.index })));
  replacements.forEach((r, index) => { r.trieId = `trie-${index}`; });

  drawDiff($('diff'), recommendation.unifiedDiff, replacements);
  $('tries').replaceChildren(...(replacements.length > 0
    ? replacements.map(r => drawTrie(r, r.trieId))
    : [Object.assign(document.createElement('p'), { textContent: 'No wildcard was replaced.' })]));
  drawAccessLevels($('access-levels'), recommendation.summary.removedByAccessLevel);
  drawSize($('size'), recommendation.size, recommendation.split);

  const warnings = [...answer.warnings, ...recommendation.warnings];
  $('warnings').replaceChildren(...warnings.map(warning => {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = warning.path;
    item.append(code, ` ${warning.code}: ${warning.message}`);
    return item;
  }));
  if (warnings.length === 0) {
    $('warnings').append(Object.assign(document.createElement('li'), { textContent: 'None.' }));
  }
  // Warnings about what the user typed also show beside it.
  for (const warning of warnings.filter(w => fieldFor(w.path) !== null)) {
    showProblem(warning.path, `${warning.code}: ${warning.message}`, 'warning');
  }
  $('results').hidden = false;
}

async function loadSeed() {
  clearProblems();
  const [policy, finding] = await Promise.all([
    fetch(`/playground/examples/${config.examples.policy}`).then(r => r.text()),
    fetch(`/playground/examples/${config.examples.finding}`).then(r => r.text()),
  ]);
  $('policy').value = policy;
  $('evidence').value = finding;
  document.querySelector('input[name="evidence"][value="finding"]').checked = true;
  await recommend();
}

async function copyPolicy() {
  try {
    await navigator.clipboard.writeText(recommendedText);
  } catch {
    // Without the clipboard API (a page not served over HTTPS or from localhost), select the text to copy by hand.
    const range = document.createRange();
    range.selectNodeContents($('recommended-policy'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }
  $('status').textContent = 'Copied the recommended policy.';
}

function downloadPolicy() {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([recommendedText + '\n'], { type: 'application/json' }));
  link.download = 'recommended-policy.json';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

function upload(input, target) {
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (file) {
      $(target).value = await file.text();
    }
  });
}

document.addEventListener('DOMContentLoaded', async () => {
  $('request-form').addEventListener('submit', recommend);
  $('load-seed').addEventListener('click', loadSeed);
  $('copy-policy').addEventListener('click', copyPolicy);
  $('download-policy').addEventListener('click', downloadPolicy);
  upload($('policy-file'), 'policy');
  upload($('evidence-file'), 'evidence');
  await loadConfig();
  document.body.dataset.ready = 'true';
});
