import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { messageSource } from '../diagnostics/report.js';
import { rangeOf, uriOf } from './lsp-ranges.js';

/**
 * A check's messages as LSP diagnostics, by the URI of the file each is about: the manuscript, a
 * bibliography, a table's data, the configuration. The code is the rule id; the severity is the
 * one the check settled on (the project's `paper.config.yaml` applied): vfile's `fatal` is true for
 * an error, false for a warning, unset for information.
 */
export function diagnosticsByUri(files: readonly VFile[]): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const file of files) {
    if (!file.path) continue;
    const uri = uriOf(file.path);
    const list = byUri.get(uri) ?? [];
    byUri.set(uri, list);
    for (const message of file.messages) list.push(diagnosticOf(file, message));
  }
  return byUri;
}

function diagnosticOf(file: VFile, message: VFileMessage): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(file, message.place ?? undefined),
    severity: message.fatal === true ? DiagnosticSeverity.Error : message.fatal === false ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    source: message.source ?? messageSource,
    message: message.reason,
  };
  if (message.ruleId) diagnostic.code = message.ruleId;
  return diagnostic;
}
