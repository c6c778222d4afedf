/**
 * The registry of rules: every rule file is imported here, once. Order is the curriculum's.
 */
import type { Rule } from '../rule.ts';
import noUntaggedBase from './no-untagged-base.ts';
import noLatestTag from './no-latest-tag.ts';
import preferDigest from './prefer-digest.ts';

export const allRules: readonly Rule[] = [noUntaggedBase, noLatestTag, preferDigest];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
