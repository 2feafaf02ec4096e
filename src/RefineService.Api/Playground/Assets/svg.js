// One SVG element with its attributes (and text), for the pictures the page draws.

const svgNs = 'http://www.w3.org/2000/svg';

export function svg(name, attributes, text) {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value);
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}
