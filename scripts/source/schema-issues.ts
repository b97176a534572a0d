import type * as z from 'zod';
import { excerpt } from '../diagnostics/excerpt.js';
import { report } from '../diagnostics/report.js';
import type { DataSource } from './data-source.js';

type Issue = z.core.$ZodIssue;

/**
 * Report each zod issue on the YAML node it is about, as one message with a useful reason.
 * Union failures are narrowed to the branch that best fits the value written, so the author reads
 * "Expected a trend: `up`, …" rather than zod's "Invalid input".
 */
export function reportSchemaIssues(source: DataSource, issues: readonly Issue[], value: unknown): void {
  for (const issue of issues) {
    const narrowed = narrow(issue, [], value);
    const path = narrowed.path;
    if (narrowed.issue.code === 'unrecognized_keys') {
      for (const key of narrowed.issue.keys) {
        report(source.file, source.ruleId, `Unknown field \`${excerpt(key)}\``, source.positionAt([...path, key], 'key'));
      }
      continue;
    }
    const written = valueAt(value, path);
    const missing = written === undefined && narrowed.issue.code === 'invalid_type';
    // A missing field is reported at the start of the mapping that lacks it, not over all of it.
    const place = source.positionAt(missing ? path.slice(0, -1) : path);
    report(source.file, source.ruleId, reasonFor(narrowed.issue, written, path), missing ? place.start : place);
  }
}

interface Narrowed {
  issue: Issue;
  path: PropertyKey[];
}

function narrow(issue: Issue, base: PropertyKey[], root: unknown): Narrowed {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  const written = valueAt(root, path);
  // Prefer the branch whose shape fits the value (fewest unknown or missing fields, no type
  // mismatch at its root), then the one whose problem lies deepest.
  let best: Issue[] | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const branch of issue.errors) {
    if (branch.length === 0) continue;
    const misfits = branch.filter((item) => misfit(item, valueAt(written, item.path))).length;
    const score = -1000 * misfits + Math.max(...branch.map((item) => item.path.length));
    if (score > bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  const chosen = best?.[0];
  if (!chosen || (chosen.code === 'invalid_type' && chosen.path.length === 0 && typeof written !== 'object')) {
    return { issue: { ...issue, message: issue.message === 'Invalid input' ? unionReason(issue) : issue.message }, path };
  }
  return narrow(chosen, path, root);
}

/** An issue that says the value has another shape altogether: unknown keys, a missing field, another type. */
function misfit(issue: Issue, written: unknown): boolean {
  if (issue.code === 'unrecognized_keys') return true;
  if (issue.code === 'invalid_type') return issue.path.length === 0 || written === undefined;
  return false;
}

function unionReason(issue: Issue): string {
  if (issue.code !== 'invalid_union') return issue.message;
  const messages = new Set(issue.errors.flatMap((branch) => branch.map((item) => item.message)));
  return [...messages].join(', or ');
}

function reasonFor(issue: Issue, written: unknown, path: readonly PropertyKey[]): string {
  if (issue.code === 'invalid_type' && written === undefined) {
    return `Missing required field \`${String(path.at(-1) ?? '')}\`; ${lowerFirst(expected(issue.expected))}`;
  }
  let reason = issue.code === 'invalid_type' ? expected(issue.expected) : issue.message;
  if (isScalar(written)) reason += `; found \`${excerpt(String(written))}\``;
  else if (written !== undefined && issue.code === 'invalid_type') reason += `; found ${describe(written)}`;
  return reason;
}

/** zod's "expected string, received number", in the words of someone editing YAML. */
function expected(type: string): string {
  switch (type) {
    case 'string':
      return 'Expected text';
    case 'boolean':
      return 'Expected `true` or `false`';
    case 'number':
    case 'int':
      return 'Expected a number';
    case 'array':
      return 'Expected a list';
    case 'object':
    case 'record':
      return 'Expected a mapping of `name: value` fields';
    default:
      return `Expected ${type}`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : typeof value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
