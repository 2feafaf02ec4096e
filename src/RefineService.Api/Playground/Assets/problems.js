// Shows each problem of a request next to the input it concerns. Every field of the form names the JSON paths of the
// request it fills (data-path); a problem goes to the field whose path is the longest start of the problem's path, and
// to the form as a whole when no field fills its path (`$`, or a member the form does not send).

const fields = () => [...document.querySelectorAll('.field[data-path]')];

function pathsOf(field) {
  return field.dataset.path.split(' ');
}

// Whether `path` is `prefix` or lies inside it: `$.policy.Statement[0]` lies inside `$.policy`, `$.policyKind` does not.
function lies(path, prefix) {
  return path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '[');
}

export function fieldFor(path) {
  let best = null;
  let bestLength = -1;
  for (const field of fields()) {
    for (const prefix of pathsOf(field)) {
      if (lies(path, prefix) && prefix.length > bestLength) {
        best = field;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

export function clearProblems() {
  for (const list of document.querySelectorAll('.problems')) {
    list.replaceChildren();
  }
  for (const field of fields()) {
    field.classList.remove('has-error', 'has-warning');
  }
}

// kind: 'error' or 'warning'.
export function showProblem(path, message, kind) {
  const field = path ? fieldFor(path) : null;
  const list = field ? field.querySelector('.problems') : document.getElementById('form-problems');
  const item = document.createElement('li');
  item.className = kind;
  item.dataset.path = path ?? '';
  if (path) {
    const code = document.createElement('code');
    code.textContent = path;
    item.append(code, ' ');
  }
  item.append(message);
  list.append(item);
  if (field) {
    field.classList.add(kind === 'error' ? 'has-error' : 'has-warning');
    field.hidden = false;
  }
  return item;
}

// A problem+json answer: validation errors keyed by JSON path, or one title and detail for the request as a whole.
export function showProblemDetails(problem, status) {
  const errors = problem && typeof problem.errors === 'object' ? Object.entries(problem.errors) : [];
  if (errors.length === 0) {
    const words = [problem?.title, problem?.detail].filter(Boolean).join(': ');
    showProblem(null, `${status} ${words || 'The service could not answer.'}`, 'error');
    return;
  }
  for (const [path, messages] of errors) {
    for (const message of [].concat(messages)) {
      showProblem(path, message, 'error');
    }
  }
  const first = document.querySelector('.field.has-error textarea, .field.has-error input, .field.has-error select');
  first?.focus();
}
