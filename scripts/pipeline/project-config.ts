import { z } from 'zod';
import type { VFile } from 'vfile';
import { reportSchemaIssues } from '../source/schema-issues.js';
import { parseYamlSource, positionAtPath } from '../source/yaml-source.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { report, type SeverityOverrides } from '../diagnostics/report.js';
import { isRuleId, rules } from '../diagnostics/rules.js';

/** The file a paper folder may hold to configure the checks. */
export const configFileName = 'paper.config.yaml';

const severities = ['error', 'warning', 'off'] as const;

const configSchema = z.strictObject({
  /** Severity by rule id: `error`, `warning`, or `off` (each value is checked below, with the id). */
  rules: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Read `paper.config.yaml` (already loaded into `file`): the severities a project gives its rules,
 * as `rules: { bib-unused-entry: off, citation-author-mismatch: error }`. Unknown rule ids are
 * errors, with the closest known ids.
 */
export function readProjectConfig(file: VFile): SeverityOverrides {
  const parsed = parseYamlSource(file, String(file.value), 0, 'config-schema');
  if (!parsed || parsed.value === null || parsed.value === undefined) return {};
  const result = configSchema.safeParse(parsed.value);
  if (!result.success) {
    reportSchemaIssues(parsed.source, result.error.issues, parsed.value);
    return {};
  }
  const overrides: SeverityOverrides = {};
  for (const [id, severity] of Object.entries(result.data.rules ?? {})) {
    if (!isRuleId(id)) {
      report(file, 'config-schema', `Unknown rule \`${id}\`${didYouMean(id, Object.keys(rules))}`, positionAtPath(parsed.source, ['rules', id], 'key'));
    } else if (!(severities as readonly unknown[]).includes(severity)) {
      report(file, 'config-schema', `Expected \`error\`, \`warning\` or \`off\`; found \`${String(severity)}\``, positionAtPath(parsed.source, ['rules', id]));
    } else {
      overrides[id] = severity as (typeof severities)[number];
    }
  }
  return overrides;
}

/**
 * Apply the project's severities to every message already reported: a rule turned `off` loses its
 * messages, the others take the configured severity. Run once, after every check.
 */
export function applySeverities(files: VFile[], overrides: SeverityOverrides): void {
  if (Object.keys(overrides).length === 0) return;
  for (const file of files) {
    file.messages = file.messages.filter((message) => {
      const severity = message.ruleId && isRuleId(message.ruleId) ? overrides[message.ruleId] : undefined;
      if (severity === undefined) return true;
      if (severity === 'off') return false;
      message.fatal = severity === 'error';
      return true;
    });
  }
}
