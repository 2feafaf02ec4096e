// The original and the recommendation side by side, from the answer's unified diff (both documents pretty-printed the
// same way, as one hunk holding the whole document). Removed lines are on the left, added ones on the right; each
// wildcard the change records say was replaced is shown in a group of its own, beside the entries that replace it.

// The entry a line of a pretty-printed policy holds: its last JSON string (`"s3:Get*",` or `"Action": "s3:Get*"`).
function entryOf(text) {
  const match = /"((?:[^"\\]|\\.)*)"\s*,?\s*$/.exec(text);
  if (!match) {
    return null;
  }
  try {
    return JSON.parse(`"${match[1]}"`);
  } catch {
    return null;
  }
}

function parse(unifiedDiff) {
  const lines = [];
  for (const line of unifiedDiff.split('\n')) {
    if (line.startsWith('---') || line.startsWith('+++') || line.startsWith('@@') || line === '') {
      continue;
    }
    lines.push({ kind: line[0], text: line.slice(1) });
  }
  return lines;
}

function cell(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

class SideBySide {
  constructor(table) {
    this.table = table;
    this.left = 0;
    this.right = 0;
    this.body = null;
  }

  section(className) {
    this.body = document.createElement('tbody');
    if (className) {
      this.body.className = className;
    }
    this.table.append(this.body);
    return this.body;
  }

  row(leftLine, rightLine, leftSpan = 1) {
    const row = document.createElement('tr');
    if (leftLine !== undefined) {
      const kind = leftLine === null ? 'empty' : leftLine.kind === '-' ? 'removed' : 'context';
      const number = cell('td', `number ${kind}`, leftLine ? String(++this.left) : '');
      const text = cell('td', `text left ${kind}`, leftLine ? leftLine.text : '');
      if (leftSpan > 1) {
        number.rowSpan = leftSpan;
        text.rowSpan = leftSpan;
      }
      row.append(number, text);
    }
    const kind = rightLine === null ? 'empty' : rightLine.kind === '+' ? 'added' : 'context';
    row.append(cell('td', `number ${kind}`, rightLine ? String(++this.right) : ''), cell('td', `text right ${kind}`, rightLine ? rightLine.text : ''));
    (this.body ?? this.section()).append(row);
    return row;
  }
}

// replacements: every change record's replaced entries, in document order, each { entry, with, trieId }.
export function drawDiff(container, unifiedDiff, replacements) {
  if (!unifiedDiff) {
    container.replaceChildren(cell('p', 'nothing', 'Nothing changes: the recommendation is the original.'));
    return;
  }

  const table = document.createElement('table');
  table.className = 'side-by-side';
  const head = document.createElement('thead');
  const heading = document.createElement('tr');
  heading.append(cell('th', 'number', ''), cell('th', '', 'Original'), cell('th', 'number', ''), cell('th', '', 'Recommendation'));
  head.append(heading);
  table.append(head);

  const view = new SideBySide(table);
  const pending = replacements.map(r => ({ ...r, used: false }));
  const lines = parse(unifiedDiff);
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind === ' ') {
      if (view.body === null || view.body.className !== '') {
        view.section('');
      }
      view.row(lines[i], lines[i]);
      i++;
      continue;
    }

    // A block of changed lines: what the original had there, and what the recommendation has.
    const removed = [];
    const added = [];
    while (i < lines.length && lines[i].kind !== ' ') {
      (lines[i].kind === '-' ? removed : added).push(lines[i]);
      i++;
    }

    const taken = new Set();
    const rest = [];
    for (const line of removed) {
      const entry = entryOf(line.text);
      const replacement = pending.find(r => !r.used && r.entry === entry);
      if (!replacement) {
        rest.push(line);
        continue;
      }
      replacement.used = true;
      const by = added.filter(a => !taken.has(a) && replacement.with.includes(entryOf(a.text)));
      by.forEach(a => taken.add(a));
      const group = view.section('replacement');
      group.dataset.entry = replacement.entry;
      const caption = document.createElement('tr');
      caption.className = 'caption';
      const words = cell('td', 'caption', '');
      words.colSpan = 4;
      words.append(`${replacement.entry} replaced by ${replacement.with.length} ${replacement.with.length === 1 ? 'entry' : 'entries'}`);
      if (replacement.trieId) {
        const link = document.createElement('a');
        link.href = `#${replacement.trieId}`;
        link.textContent = 'its trie';
        words.append(' · ', link);
      }
      caption.append(words);
      group.append(caption);
      if (by.length === 0) {
        view.row(line, null);
      }
      by.forEach((a, index) => view.row(index === 0 ? line : undefined, a, index === 0 ? by.length : 1));
    }

    view.section('change');
    const others = added.filter(a => !taken.has(a));
    for (let k = 0; k < Math.max(rest.length, others.length); k++) {
      view.row(rest[k] ?? null, others[k] ?? null);
    }
  }

  container.replaceChildren(table);
}
