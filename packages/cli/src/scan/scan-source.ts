import ts from 'typescript';
import type { Finding, HttpClient } from './finding.js';
import { classifyHeaderLiteral } from './header-usage.js';
import { enclosingClient } from './http-client.js';
import {
  isHeaderLineLiteral,
  isLegacyHeaderName,
  isLoginUrlLiteral,
  isModuleSpecifier,
  plainStringValue,
} from './literal-patterns.js';
import { describeFinding, suggestReplacement } from './suggestions.js';

const SCRIPT_KIND_BY_EXTENSION: Readonly<Record<string, ts.ScriptKind>> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

/** File extensions that `ids-auth scan` parses. */
export const SOURCE_EXTENSIONS: readonly string[] = Object.keys(SCRIPT_KIND_BY_EXTENSION);

/**
 * Parses one JavaScript or TypeScript file and returns its legacy uses, in source order.
 * Only string and template literals count, so comments and longer strings that merely
 * mention the header or the URL are never reported.
 */
export function scanSource(file: string, text: string, extension: string): Finding[] {
  const scriptKind = SCRIPT_KIND_BY_EXTENSION[extension] ?? ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind);
  const findings: Finding[] = [];

  const visit = (node: ts.Node): void => {
    const finding = inspectNode(source, node);
    if (finding !== undefined) findings.push(finding);

    ts.forEachChild(node, visit);
  };
  visit(source);

  return findings;
}

function inspectNode(source: ts.SourceFile, node: ts.Node): Finding | undefined {
  const value = plainStringValue(node);
  if (value !== undefined && isLegacyHeaderName(value)) {
    const { kind, axiosDefaults } = classifyHeaderLiteral(node);
    return makeFinding(source, node, kind, enclosingClient(node), axiosDefaults);
  }

  if (isHeaderLineLiteral(node)) {
    return makeFinding(source, node, 'header-set', enclosingClient(node), false);
  }

  if (!isLoginUrlLiteral(node) || isModuleSpecifier(node)) return undefined;

  const client = enclosingClient(node);
  const kind = client === undefined ? 'login-url' : 'login-request';
  return makeFinding(source, node, kind, client, false);
}

function makeFinding(
  source: ts.SourceFile,
  node: ts.Node,
  kind: Finding['kind'],
  client: HttpClient | undefined,
  axiosDefaults: boolean,
): Finding {
  const position = source.getLineAndCharacterOfPosition(node.getStart(source));
  const finding: Finding = {
    file: source.fileName,
    line: position.line + 1,
    column: position.character + 1,
    kind,
    description: describeFinding(kind, client, axiosDefaults),
    suggestion: suggestReplacement(kind, client, axiosDefaults),
  };
  if (client !== undefined) finding.client = client;
  if (axiosDefaults) finding.axiosDefaults = true;

  return finding;
}
