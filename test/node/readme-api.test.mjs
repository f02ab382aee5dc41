// README's API section against custom-elements.json, which `npm run build` generates from the
// element's decorators and JSDoc. Whatever the manifest lists (and so what IDEs, Storybook and
// linters show) must be documented, and the README's attribute table must not list attributes
// the element does not have.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const TAG = 'virtual-bg-camera';

function loadDeclaration() {
  assert.ok(existsSync('custom-elements.json'), 'custom-elements.json is missing: run `npm run build` first.');
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const declaration = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === TAG);
  assert.ok(declaration, `custom-elements.json has no declaration with tagName "${TAG}"`);
  return declaration;
}

/** The text of README's `## API` section, up to the next `## ` heading. */
function apiSection() {
  const readme = readFileSync('README.md', 'utf8');
  const match = /^## API\s*$([\s\S]*?)(?=^## )/m.exec(readme);
  assert.ok(match, 'README.md has no "## API" section followed by another "## " section');
  return match[1];
}

/** Body rows of the first Markdown table under `### <heading>`, as arrays of cell text. */
function tableRows(section, heading) {
  const start = section.search(new RegExp(`^### ${heading}\\s*$`, 'm'));
  assert.ok(start >= 0, `README API section has no "### ${heading}" subsection`);
  const rest = section.slice(start).split('\n').slice(1);
  const end = rest.findIndex((line) => line.startsWith('### '));
  const lines = (end < 0 ? rest : rest.slice(0, end)).filter((line) => line.trimStart().startsWith('|'));
  // Drop the header row and the |---| separator.
  return lines.slice(2).map((line) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim()),
  );
}

/** The `code` spans of a cell, e.g. "`width`, `height`" → ["width", "height"]. */
function codeSpans(cell) {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

const declaration = loadDeclaration();
const api = apiSection();
const isPublic = (member) => !member.privacy || member.privacy === 'public';
const publicMembers = declaration.members.filter((m) => isPublic(m) && !m.static && !m.name.startsWith('#'));

test('every attribute in the manifest is in the README table, with its property, and no others', () => {
  const rows = tableRows(api, 'Attributes and properties');
  const readme = new Map(); // attribute → property cell
  for (const [attributes = '', property = ''] of rows) {
    for (const name of codeSpans(attributes)) readme.set(name, property);
  }
  const manifest = declaration.attributes ?? [];
  assert.ok(manifest.length > 0, 'the manifest lists no attributes');
  for (const { name, fieldName } of manifest) {
    assert.ok(readme.has(name), `attribute "${name}" is not in README's "Attributes and properties" table`);
    const property = readme.get(name);
    // "same" in the property column means the property has the attribute's name.
    const properties = property === 'same' ? [name] : codeSpans(property);
    if (fieldName) assert.ok(properties.includes(fieldName), `README gives "${property}" as the property of "${name}"; the element has "${fieldName}"`);
  }
  const known = new Set(manifest.map((a) => a.name));
  for (const name of readme.keys()) assert.ok(known.has(name), `README documents attribute "${name}", which the element does not have`);
});

test('every public property in the manifest is in the README table, and no others', () => {
  const rows = tableRows(api, 'Attributes and properties');
  const readme = new Set();
  for (const [attributes = '', property = ''] of rows) {
    for (const name of property === 'same' ? codeSpans(attributes) : codeSpans(property)) readme.add(name);
  }
  const fields = publicMembers.filter((m) => m.kind === 'field').map((m) => m.name);
  for (const name of fields) assert.ok(readme.has(name), `property "${name}" is not in README's "Attributes and properties" table`);
  for (const name of readme) assert.ok(fields.includes(name), `README documents property "${name}", which the element does not have`);
});

test('every public method in the manifest is in the README methods table, and no others', () => {
  const readme = tableRows(api, 'Methods').flatMap(([method = '']) => codeSpans(method).map((span) => span.replace(/\(.*$/, '')));
  const methods = publicMembers.filter((m) => m.kind === 'method').map((m) => m.name);
  for (const name of methods) assert.ok(readme.includes(name), `method "${name}()" is not in README's "Methods" table`);
  for (const name of readme) assert.ok(methods.includes(name), `README documents method "${name}()", which the element does not have`);
});

test('every event in the manifest is in the README events table', () => {
  const readme = tableRows(api, 'Events').flatMap(([event = '']) => codeSpans(event));
  const events = (declaration.events ?? []).map((e) => e.name).filter(Boolean);
  assert.ok(events.length > 0, 'the manifest lists no events: is the @fires JSDoc missing?');
  for (const name of events) assert.ok(readme.includes(name), `event "${name}" is not in README's "Events" table`);
  for (const name of readme) assert.ok(events.includes(name), `README documents event "${name}", which the manifest does not list (add @fires)`);
});

test('every CSS part and CSS custom property in the manifest is in the README styling table', () => {
  const readme = tableRows(api, 'Styling').flatMap(([thing = '']) => codeSpans(thing));
  const parts = (declaration.cssParts ?? []).map((p) => p.name);
  const properties = (declaration.cssProperties ?? []).map((p) => p.name);
  assert.ok(parts.length > 0, 'the manifest lists no CSS parts: is the @csspart JSDoc missing?');
  assert.ok(properties.length > 0, 'the manifest lists no CSS properties: is the @cssprop JSDoc missing?');
  for (const name of parts) assert.ok(readme.includes(`::part(${name})`), `CSS part "${name}" is not in README's "Styling" table`);
  for (const name of properties) assert.ok(readme.includes(name), `CSS property "${name}" is not in README's "Styling" table`);
  for (const entry of readme) {
    const part = /^::part\((.+)\)$/.exec(entry)?.[1];
    if (part) assert.ok(parts.includes(part), `README documents ::part(${part}), which the manifest does not list (add @csspart)`);
    else if (entry.startsWith('--')) assert.ok(properties.includes(entry), `README documents ${entry}, which the manifest does not list (add @cssprop)`);
  }
});
