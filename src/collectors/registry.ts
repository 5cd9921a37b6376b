// Every file collector the scan runs. A test checks that each folder under src/collectors/
// with an index.ts is listed here, so a new collector cannot be forgotten.
import { collector as cargoLock } from './cargo-lock/index.ts';
import { collector as cargoManifest } from './cargo-manifest/index.ts';
import { collector as compose } from './compose/index.ts';
import { collector as composerLock } from './composer-lock/index.ts';
import { collector as composerManifest } from './composer-manifest/index.ts';
import { collector as dockerfile } from './dockerfile/index.ts';
import { collector as dotnetSdk } from './dotnet-sdk/index.ts';
import { collector as gemfileLock } from './gemfile-lock/index.ts';
import { collector as githubActions } from './github-actions/index.ts';
import { collector as githubSetup } from './github-setup/index.ts';
import { collector as goMod } from './go-mod/index.ts';
import { collector as goSum } from './go-sum/index.ts';
import { collector as gradleCatalog } from './gradle-catalog/index.ts';
import { collector as gradleLockfile } from './gradle-lockfile/index.ts';
import { collector as helmValues } from './helm-values/index.ts';
import { collector as kubernetes } from './kubernetes/index.ts';
import { collector as mavenPom } from './maven-pom/index.ts';
import { collector as mise } from './mise/index.ts';
import { collector as nodeVersion } from './node-version/index.ts';
import { collector as npmLock } from './npm-lock/index.ts';
import { collector as npmManifest } from './npm-manifest/index.ts';
import { collector as nugetLock } from './nuget-lock/index.ts';
import { collector as nugetProject } from './nuget-project/index.ts';
import { collector as pipfileLock } from './pipfile-lock/index.ts';
import { collector as pnpmLock } from './pnpm-lock/index.ts';
import { collector as poetryLock } from './poetry-lock/index.ts';
import { collector as pypiPyproject } from './pypi-pyproject/index.ts';
import { collector as pypiRequirements } from './pypi-requirements/index.ts';
import { collector as pythonVersion } from './python-version/index.ts';
import { collector as rubyVersion } from './ruby-version/index.ts';
import { collector as rustToolchain } from './rust-toolchain/index.ts';
import { collector as terraform } from './terraform/index.ts';
import { collector as toolVersions } from './tool-versions/index.ts';
import type { FileCollector } from './types.ts';
import { collector as uvLock } from './uv-lock/index.ts';
import { collector as yarnLock } from './yarn-lock/index.ts';

export const COLLECTORS: readonly FileCollector[] = [
  cargoLock,
  cargoManifest,
  compose,
  composerLock,
  composerManifest,
  dockerfile,
  dotnetSdk,
  gemfileLock,
  githubActions,
  githubSetup,
  goMod,
  goSum,
  gradleCatalog,
  gradleLockfile,
  helmValues,
  kubernetes,
  mavenPom,
  mise,
  nodeVersion,
  npmLock,
  npmManifest,
  nugetLock,
  nugetProject,
  pipfileLock,
  pnpmLock,
  poetryLock,
  pypiPyproject,
  pypiRequirements,
  pythonVersion,
  rubyVersion,
  rustToolchain,
  terraform,
  toolVersions,
  uvLock,
  yarnLock,
];
