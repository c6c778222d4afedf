/**
 * Shared types of the engine. Positions are zero-based (LSP style) inside the engine; the CLI and
 * the JSON output convert to one-based lines and columns at the edge.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One replacement in one file. An insertion has start === end; a deletion has newText ''. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** Imperative, shown as the quick-fix title: "Add --no-install-recommends". */
  title: string;
  edits: TextEdit[];
  /** The file the edits apply to, in that file's coordinates. Defaults to the Dockerfile. */
  file?: FileKind;
}

/** Which file of the build a finding is about. */
export type FileKind = 'Dockerfile' | '.dockerignore';

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  file: FileKind;
  /** Slug of the lesson that teaches the rule, e.g. `02-pin-base-images`. */
  lesson: string;
  /** Index of the stage the finding is in, when it is in one. */
  stage?: number;
  fix?: Fix;
}

export interface RelatedChecks {
  /** hadolint rule ids, e.g. DL3007. Their `# hadolint ignore=` comments suppress this rule too. */
  hadolint?: string[];
  /** Docker build check names, e.g. UndefinedArgInFrom. */
  buildkit?: string[];
}

export interface RuleMeta {
  /** kebab-case, stable: it appears in suppression comments and CI configs. */
  id: string;
  title: string;
  severity: Severity;
  /** Slug of the lesson that teaches it. */
  lesson: string;
  related: RelatedChecks;
  /** One paragraph: why the rule exists. */
  why: string;
  /** True when the rule offers a mechanical, safe fix. */
  fixable: boolean;
  /** Documentation examples; the rule-page test asserts `incorrect` triggers the rule and `correct` does not. */
  examples: {
    incorrect: string;
    correct: string;
    /** For build-context rules: the project both examples build (LintInput.context). */
    context?: ContextFile[];
    /** For build-context rules: each example's .dockerignore (absent means there is none). */
    dockerignore?: { incorrect?: string; correct?: string };
  };
}

/** A virtual (or real, in the CLI) build context entry. */
export interface ContextFile {
  /** Slash-separated path relative to the context root, no leading `./`. */
  path: string;
  size: number;
  /** Optional contents, for files whose text matters (package.json, .env). */
  content?: string;
}

export interface LintInput {
  dockerfile: string;
  dockerignore?: string;
  /** Files of the build context. Absent means "unknown": context rules then stay silent. */
  context?: ContextFile[];
}

export type RuleSetting = Severity | 'off';

export interface LintConfig {
  /** Per rule: a severity to use instead of the default, or 'off'. */
  rules?: Record<string, RuleSetting>;
  /** Registries/namespaces trusted as base images, e.g. `docker.io/library`, `registry.example.com`. */
  trustedRegistries?: string[];
  /**
   * The day (YYYY-MM-DD) date-dependent rules judge at, such as end-of-life dates. Defaults to the
   * date the data tables were checked, so a result never changes with the clock alone.
   */
  asOf?: string;
}
