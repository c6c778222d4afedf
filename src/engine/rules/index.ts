/**
 * The registry of rules: every rule file is imported here, once. Order is the curriculum's.
 */
import type { Rule } from '../rule.ts';
import dockerfileSyntax from './dockerfile-syntax.ts';
import trustedBaseImage from './trusted-base-image.ts';
import noUntaggedBase from './no-untagged-base.ts';
import noLatestTag from './no-latest-tag.ts';
import preferDigest from './prefer-digest.ts';
import undefinedArgInFrom from './undefined-arg-in-from.ts';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.ts';
import minimalFinalBase from './minimal-final-base.ts';
import noEolBaseImage from './no-eol-base-image.ts';
import aptPinVersions from './apt-pin-versions.ts';
import apkPinVersions from './apk-pin-versions.ts';
import pipPinVersions from './pip-pin-versions.ts';
import npmPinVersions from './npm-pin-versions.ts';
import packagePinVersions from './package-pin-versions.ts';
import noCurlPipeShell from './no-curl-pipe-shell.ts';
import addRemoteChecksum from './add-remote-checksum.ts';
import copyOverAdd from './copy-over-add.ts';
import noBuildToolsInFinalStage from './no-build-tools-in-final-stage.ts';
import aptNoInstallRecommends from './apt-no-install-recommends.ts';
import apkNoCache from './apk-no-cache.ts';
import pipNoCacheDir from './pip-no-cache-dir.ts';
import noDebugToolsInFinal from './no-debug-tools-in-final.ts';
import packageCacheCleanup from './package-cache-cleanup.ts';
import aptUpdateWithInstall from './apt-update-with-install.ts';
import aptListsCleanup from './apt-lists-cleanup.ts';
import consecutiveRun from './consecutive-run.ts';
import copyFromKnownStage from './copy-from-known-stage.ts';
import duplicateStageName from './duplicate-stage-name.ts';
import reservedStageName from './reserved-stage-name.ts';
import noShellInDistroless from './no-shell-in-distroless.ts';
import copySourcesAfterDeps from './copy-sources-after-deps.ts';
import metadataLate from './metadata-late.ts';
import dockerignorePresent from './dockerignore-present.ts';
import dockerignoreExcludes from './dockerignore-excludes.ts';
import dockerignoreSyntax from './dockerignore-syntax.ts';
import copyIgnoredFile from './copy-ignored-file.ts';
import userNotRoot from './user-not-root.ts';
import noSudo from './no-sudo.ts';
import privilegedPortAsNonRoot from './privileged-port-as-non-root.ts';
import numericUser from './numeric-user.ts';
import highUid from './high-uid.ts';
import groupZeroWritable from './group-zero-writable.ts';
import noSecretEnvArg from './no-secret-env-arg.ts';
import noSecretLiterals from './no-secret-literals.ts';
import noSecretFiles from './no-secret-files.ts';
import noDevServer from './no-dev-server.ts';
import healthcheckPresent from './healthcheck-present.ts';
import healthcheckFailsOnError from './healthcheck-fails-on-error.ts';
import healthcheckToolAvailable from './healthcheck-tool-available.ts';
import execFormCmd from './exec-form-cmd.ts';
import logsToStdout from './logs-to-stdout.ts';
import undefinedVariable from './undefined-variable.ts';
import redundantTargetPlatform from './redundant-target-platform.ts';
import fromPlatformConst from './from-platform-const.ts';
import instructionCasing from './instruction-casing.ts';
import workdirAbsolute from './workdir-absolute.ts';
import maintainerDeprecated from './maintainer-deprecated.ts';
import exposeFormat from './expose-format.ts';
import keyValueFormat from './key-value-format.ts';
import singleCmdEntrypoint from './single-cmd-entrypoint.ts';

export const allRules: readonly Rule[] = [
  // 01
  dockerfileSyntax,
  trustedBaseImage,
  // 02
  noUntaggedBase,
  noLatestTag,
  preferDigest,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  undefinedVariable,
  redundantTargetPlatform,
  fromPlatformConst,
  // 03
  minimalFinalBase,
  // 04
  noEolBaseImage,
  // 06
  aptPinVersions,
  apkPinVersions,
  pipPinVersions,
  npmPinVersions,
  packagePinVersions,
  noCurlPipeShell,
  addRemoteChecksum,
  copyOverAdd,
  // 07
  noBuildToolsInFinalStage,
  copyFromKnownStage,
  duplicateStageName,
  reservedStageName,
  instructionCasing,
  // 08
  aptNoInstallRecommends,
  apkNoCache,
  pipNoCacheDir,
  noDebugToolsInFinal,
  packageCacheCleanup,
  // 09
  aptUpdateWithInstall,
  aptListsCleanup,
  consecutiveRun,
  // 10
  copySourcesAfterDeps,
  metadataLate,
  workdirAbsolute,
  maintainerDeprecated,
  // 11
  dockerignorePresent,
  dockerignoreExcludes,
  dockerignoreSyntax,
  copyIgnoredFile,
  // 12
  userNotRoot,
  noSudo,
  privilegedPortAsNonRoot,
  exposeFormat,
  // 13
  numericUser,
  highUid,
  groupZeroWritable,
  // 14
  noSecretEnvArg,
  noSecretLiterals,
  noSecretFiles,
  // 15
  noDevServer,
  keyValueFormat,
  // 16
  healthcheckPresent,
  healthcheckFailsOnError,
  healthcheckToolAvailable,
  // 17
  execFormCmd,
  logsToStdout,
  singleCmdEntrypoint,
  // 18
  noShellInDistroless,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
