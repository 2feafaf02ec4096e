// Draws the trie that chose a wildcard's replacements as an SVG picture, from the answer's `trieNodes`: the root on
// the left, each node's children to its right, one row per leaf. Safe nodes (covering only kept actions) and unsafe
// ones are told apart by colour; the nodes whose entry the recommendation writes are drawn bold, with that entry.

import { svg } from './svg.js';

const characterWidth = 7.2; // of the monospace font at 12px, set in playground.css
const rowHeight = 44;
const columnGap = 36;
const padding = 10;

function layout(nodes) {
  const children = nodes.map(() => []);
  const roots = [];
  nodes.forEach((node, index) => (node.parent === undefined || node.parent === null ? roots : children[node.parent]).push(index));

  const depth = new Array(nodes.length).fill(0);
  const row = new Array(nodes.length).fill(0);
  let nextRow = 0;
  const place = (index, level) => {
    depth[index] = level;
    if (children[index].length === 0) {
      row[index] = nextRow++;
      return;
    }
    children[index].forEach(child => place(child, level + 1));
    const first = row[children[index][0]];
    const last = row[children[index][children[index].length - 1]];
    row[index] = (first + last) / 2;
  };
  roots.forEach(root => place(root, 0));

  const width = node => Math.max(node.prefix.length, node.emitted ? node.emitted.length + 2 : 0) * characterWidth + 16;
  const columns = [];
  nodes.forEach((node, index) => {
    columns[depth[index]] = Math.max(columns[depth[index]] ?? 0, width(node));
  });
  const columnX = [];
  columns.reduce((x, columnWidth, level) => {
    columnX[level] = x;
    return x + columnWidth + columnGap;
  }, padding);

  return {
    rows: Math.max(nextRow, 1),
    width: columnX[columns.length - 1] + columns[columns.length - 1] + padding,
    box: index => ({
      x: columnX[depth[index]],
      y: padding + row[index] * rowHeight,
      width: width(nodes[index]),
      height: nodes[index].emitted ? 34 : 22,
    }),
  };
}

export function drawTrie(replacement, id) {
  const nodes = replacement.trieNodes ?? [];
  const figure = document.createElement('figure');
  figure.className = 'trie';
  figure.id = id;
  figure.dataset.entry = replacement.entry;
  const caption = document.createElement('figcaption');
  caption.textContent = `${replacement.entry} → ${replacement.with.join(', ')}`;

  if (nodes.length === 0) {
    const none = document.createElement('p');
    none.textContent = 'No trie: with wildcards "none", every kept action is listed in full.';
    figure.append(caption, none);
    return figure;
  }

  const shape = layout(nodes);
  const height = padding * 2 + (shape.rows - 1) * rowHeight + 34;
  const picture = svg('svg', {
    class: 'trie-picture',
    role: 'img',
    width: String(Math.ceil(shape.width)),
    height: String(Math.ceil(height)),
    viewBox: `0 0 ${Math.ceil(shape.width)} ${Math.ceil(height)}`,
    'aria-label': `The trie that replaced ${replacement.entry}`,
  });

  const edges = svg('g', { class: 'edges' });
  nodes.forEach((node, index) => {
    if (node.parent === undefined || node.parent === null) {
      return;
    }
    const from = shape.box(node.parent);
    const to = shape.box(index);
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const middle = (x1 + x2) / 2;
    edges.append(svg('path', { d: `M${x1},${y1} C${middle},${y1} ${middle},${y2} ${x2},${y2}` }));
  });
  picture.append(edges);

  nodes.forEach((node, index) => {
    const box = shape.box(index);
    const group = svg('g', {
      class: `trie-node ${node.safe ? 'safe' : 'unsafe'}${node.emitted ? ' emitted' : ''}`,
      'data-prefix': node.prefix,
      transform: `translate(${box.x},${box.y})`,
    });
    group.append(
      svg('title', {}, `${node.prefix}: ${node.safe ? 'safe' : 'unsafe'}${node.emitted ? `, writes ${node.emitted}` : ''}`),
      svg('rect', { width: box.width, height: box.height, rx: 4 }),
      svg('text', { x: 8, y: 15 }, node.prefix),
    );
    if (node.emitted) {
      group.append(svg('text', { x: 8, y: 29, class: 'emitted-entry' }, `⇒ ${node.emitted}`));
    }
    picture.append(group);
  });

  const scroller = document.createElement('div');
  scroller.className = 'scroller';
  scroller.append(picture);
  figure.append(caption, scroller);
  return figure;
}
