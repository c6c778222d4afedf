/**
 * The registry of rules: every rule file is imported here, once. Order is the curriculum's.
 */
import type { Rule } from '../rule.ts';
import trustedBaseImage from './trusted-base-image.ts';
import noUntaggedBase from './no-untagged-base.ts';
import noLatestTag from './no-latest-tag.ts';
import preferDigest from './prefer-digest.ts';
import undefinedArgInFrom from './undefined-arg-in-from.ts';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.ts';
import minimalFinalBase from './minimal-final-base.ts';
import noEolBaseImage from './no-eol-base-image.ts';
import noBuildToolsInFinalStage from './no-build-tools-in-final-stage.ts';
import copyFromKnownStage from './copy-from-known-stage.ts';
import duplicateStageName from './duplicate-stage-name.ts';
import reservedStageName from './reserved-stage-name.ts';
import noShellInDistroless from './no-shell-in-distroless.ts';

export const allRules: readonly Rule[] = [
  // 01
  trustedBaseImage,
  // 02
  noUntaggedBase,
  noLatestTag,
  preferDigest,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  // 03
  minimalFinalBase,
  // 04
  noEolBaseImage,
  // 07
  noBuildToolsInFinalStage,
  copyFromKnownStage,
  duplicateStageName,
  reservedStageName,
  // 18
  noShellInDistroless,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
