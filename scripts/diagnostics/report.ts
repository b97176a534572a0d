import type { Node, Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { isRuleId, rules, type RuleId, type Severity } from './rules.js';

/** Rule severities as a project configures them; a rule not named keeps its default. */
export type SeverityOverrides = Partial<Record<RuleId, Severity>>;

export const messageSource = 'paper';

export type Place = Point | Position | Node | undefined;

/**
 * Report a problem on a file under a rule id from the registry. Errors are marked `fatal: true`
 * (vfile's convention for errors), warnings `fatal: false`, info messages leave it unset. The message is recorded and returned;
 * nothing is thrown, so a stage reports every problem it finds before the build decides to stop.
 * A rule set to `off` in the overrides is not recorded.
 */
export function report(
  file: VFile,
  ruleId: RuleId,
  reason: string,
  place?: Place,
  overrides?: SeverityOverrides,
): VFileMessage | undefined {
  const severity = overrides?.[ruleId] ?? rules[ruleId].severity;
  if (severity === 'off') return undefined;
  const options = isNode(place) ? { ancestors: [place], place: place.position } : { place };
  const message = file.message(reason, { ...options, ruleId, source: messageSource });
  message.fatal = fatalOf(severity);
  return message;
}

/** vfile's convention: errors are fatal, warnings not, and an info message leaves `fatal` unset. */
function fatalOf(severity: Exclude<Severity, 'off'>): boolean | undefined {
  return severity === 'error' ? true : severity === 'warning' ? false : undefined;
}

function isNode(place: Place): place is Node {
  return typeof place === 'object' && place !== null && 'type' in place;
}

export function hasErrors(files: Iterable<VFile>): boolean {
  for (const file of files) if (file.messages.some((message) => message.fatal === true)) return true;
  return false;
}

/**
 * Apply the project's severities to every message already reported: a rule turned `off` loses its
 * messages, the others take the configured severity. Run after the check, and again after each
 * later stage that reports (render, print, write): a message already set is set the same again.
 */
export function applySeverities(files: VFile[], overrides: SeverityOverrides): void {
  if (Object.keys(overrides).length === 0) return;
  for (const file of files) {
    file.messages = file.messages.filter((message) => {
      const severity = message.ruleId && isRuleId(message.ruleId) ? overrides[message.ruleId] : undefined;
      if (severity === undefined) return true;
      if (severity === 'off') return false;
      message.fatal = fatalOf(severity);
      return true;
    });
  }
}
