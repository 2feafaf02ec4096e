// The counts removed by access level as a bar chart, and the recommendation's size against IAM's limit.

import { svg } from './svg.js';

export function drawAccessLevels(container, removedByAccessLevel) {
  const levels = Object.entries(removedByAccessLevel ?? {});
  const most = Math.max(1, ...levels.map(([, count]) => count));
  const rowHeight = 24;
  const labelWidth = 170;
  const barWidth = 260;
  const chart = svg('svg', {
    class: 'bars',
    role: 'img',
    viewBox: `0 0 ${labelWidth + barWidth + 50} ${levels.length * rowHeight + 4}`,
    'aria-label': 'Actions removed by access level',
  });
  levels.forEach(([level, count], row) => {
    const y = row * rowHeight + 2;
    const group = svg('g', { class: 'bar', 'data-level': level, 'data-count': String(count) });
    group.append(
      svg('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end' }, level),
      svg('rect', { x: labelWidth, y: y + 3, height: rowHeight - 8, width: Math.max(count > 0 ? 2 : 0, (count / most) * barWidth) }),
      svg('text', { x: labelWidth + (count / most) * barWidth + 6, y: y + 16, class: 'count' }, String(count)),
    );
    chart.append(group);
  });
  container.replaceChildren(chart);
}

// split: the recommendation's parts when it is over the limit, each within it where a statement can be cut.
export function drawSize(container, size, split) {
  const meter = document.createElement('meter');
  meter.id = 'size-meter';
  meter.min = 0;
  meter.max = size.limit;
  meter.low = size.limit * 0.75;
  meter.high = size.limit * 0.9;
  meter.optimum = 0;
  meter.value = Math.min(size.characters, size.limit);
  const words = document.createElement('p');
  words.id = 'size-words';
  words.className = size.withinLimit ? 'within' : 'over';
  const percent = size.limit > 0 ? Math.round((size.characters / size.limit) * 100) : 0;
  words.textContent = `${size.characters.toLocaleString('en')} of ${size.limit.toLocaleString('en')} characters (${percent} %), ` +
    (size.withinLimit ? 'within the limit' : 'over the limit');
  container.replaceChildren(meter, words);
  if (split && split.length > 0) {
    const parts = document.createElement('p');
    parts.id = 'size-split';
    parts.textContent = `Split into ${split.length} policies of ${split.map(part => part.characters.toLocaleString('en')).join(', ')} characters ` +
      '(the answer\'s split; with "Over the size limit: split" its steps create them).';
    container.append(parts);
  }
}
