import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/model.ts';
import {
  absolutePath,
  containerProcess,
  createdUsers,
  effectiveUser,
  execWords,
  instructionCommands,
  keyValues,
  stageChain,
  unwrapCommand,
  variablesAt,
  workdirs,
} from '../../src/engine/runtime.ts';

const final = (text: string) => {
  const model = buildModel(text);
  return { model, stage: model.finalStage! };
};

describe('keyValues', () => {
  it('reads key=value pairs, quoted values spanning words, and name ranges', () => {
    const { model } = final('FROM a\nENV A=1 B="x y z" C=\'q\'\n');
    const kv = keyValues(model.instructions[1]);
    expect(kv.map((p) => [p.name, p.value])).toEqual([
      ['A', '1'],
      ['B', 'x y z'],
      ['C', 'q'],
    ]);
    expect(kv[1].nameRange).toEqual({ start: { line: 1, character: 8 }, end: { line: 1, character: 9 } });
  });
  it('reads the legacy form and ARG without default', () => {
    const { model } = final('FROM a\nENV GREETING hello world\nARG TOKEN\n');
    expect(keyValues(model.instructions[1])).toMatchObject([{ name: 'GREETING', value: 'hello world' }]);
    expect(keyValues(model.instructions[2])).toMatchObject([{ name: 'TOKEN', value: undefined }]);
  });
});

describe('variablesAt', () => {
  it('scopes ARG to its stage, keeps ENV across FROM <stage>, and resolves global defaults', () => {
    const { model, stage } = final('ARG V=1\nFROM a AS base\nARG LOCAL=x\nENV E=$LOCAL-e\nFROM base\nARG V\n');
    const vars = variablesAt(model, stage);
    expect(vars.get('V')).toBe('1');
    expect(vars.get('E')).toBe('x-e');
    expect(vars.has('LOCAL')).toBe(false);
  });
});

describe('effectiveUser', () => {
  it('follows FROM <stage> to the USER that is in effect', () => {
    const { model, stage } = final('FROM python:3.13-slim AS base\nRUN useradd -u 10001 app\nUSER app\nFROM base\n');
    expect(stageChain(model, stage).map((s) => s.index)).toEqual([0, 1]);
    expect(effectiveUser(model, stage)).toMatchObject({ source: 'instruction', user: 'app', uid: 10001, isRoot: false });
  });
  it("uses the base image's user when no USER is written", () => {
    const { model, stage } = final('FROM nginxinc/nginx-unprivileged:1.27\n');
    expect(effectiveUser(model, stage)).toMatchObject({ source: 'image', isRoot: false, uid: 101 });
  });
  it('is undefined for an unknown image or an unresolvable USER', () => {
    expect(effectiveUser(final('FROM registry.example.com/x:1\n').model, final('FROM registry.example.com/x:1\n').stage)).toBeUndefined();
    const { model, stage } = final('FROM python:3.13-slim\nARG U\nUSER $U\n');
    expect(effectiveUser(model, stage)).toBeUndefined();
  });
  it('knows the user before a given instruction', () => {
    const { model, stage } = final('FROM debian:12-slim\nUSER 10001\nRUN id\nUSER root\n');
    expect(effectiveUser(model, stage, stage.instructions[1])).toMatchObject({ user: '10001', isRoot: false });
    expect(effectiveUser(model, stage)).toMatchObject({ user: 'root', isRoot: true });
  });
});

describe('createdUsers', () => {
  it('reads useradd and adduser with fixed UIDs', () => {
    const { model, stage } = final('FROM debian:12-slim\nRUN useradd --create-home -u 10001 -s /bin/sh app && adduser -D -u 10002 -G app web web\n');
    const users = createdUsers(model, stage);
    expect(users.get('app')?.uid).toBe(10001);
    expect(users.get('web')?.uid).toBe(10002);
  });
});

describe('execWords and instructionCommands', () => {
  it('gives JSON strings with ranges that include the quotes', () => {
    const { model } = final('FROM a\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://x/"]\n');
    const words = execWords(model.instructions[1], model.doc)!;
    expect(words.map((w) => w.value)).toEqual(['curl', '-f', 'http://x/']);
    expect(words[0].range).toEqual({ start: { line: 1, character: 31 }, end: { line: 1, character: 37 } });
  });
  it('splits an sh -c script with document ranges, escapes included', () => {
    const { model } = final('FROM a\nCMD ["sh", "-c", "echo \\"hi\\" && exec app --port 80"]\n');
    const cmds = instructionCommands(model.instructions[1], model.doc);
    expect(cmds.map((c) => c.name)).toEqual(['echo', 'exec']);
    expect(model.doc.rangeText(cmds[1].programRange)).toBe('exec');
  });
});

describe('containerProcess', () => {
  it('joins exec-form ENTRYPOINT and CMD', () => {
    const { model, stage } = final('FROM a\nENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--reload"]\n');
    const [cmd] = containerProcess(model, stage).commands;
    expect([cmd.name, ...cmd.args.map((a) => a.value)]).toEqual(['uvicorn', 'app:app', '--reload']);
  });
  it('drops a CMD inherited from an earlier stage when a later one sets ENTRYPOINT', () => {
    const { model, stage } = final('FROM a AS base\nCMD ["x"]\nFROM base\nENTRYPOINT ["y"]\n');
    expect(containerProcess(model, stage).cmd).toBeUndefined();
  });
});

describe('unwrapCommand', () => {
  it('strips launchers and reports them', () => {
    const { model } = final('FROM a\nCMD ["tini", "--", "gosu", "app", "env", "A=1", "python", "-m", "uvicorn", "m:app"]\n');
    const [cmd] = instructionCommands(model.instructions[1], model.doc);
    const u = unwrapCommand(cmd);
    expect(u.name).toBe('uvicorn');
    expect(u.args.map((a) => a.value)).toEqual(['m:app']);
    expect(u.wrappers).toEqual(['tini', 'gosu', 'env', 'python']);
  });
});

describe('paths', () => {
  it('joins relative paths to WORKDIR', () => {
    expect(absolutePath('./data/', '/app')).toBe('/app/data');
    expect(absolutePath('../etc', '/app')).toBe('/etc');
    expect(absolutePath('$HOME/x', '/')).toBeUndefined();
    const { model, stage } = final('FROM debian:12-slim\nWORKDIR /srv\nWORKDIR app\nCOPY . .\n');
    expect(workdirs(model, stage).get(stage.instructions[2])).toBe('/srv/app');
  });
});
