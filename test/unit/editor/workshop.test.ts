import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerHash,
  base32Decode,
  base32Encode,
  boundedName,
  CODE_PREFIX,
  crc32,
  decodeWorkshopLink,
  encodeWorkshopLink,
  makeCompletionCode,
  MAX_NAME_BYTES,
  normalizeAnswer,
  normalizeSelection,
  sha256Fallback,
  toHex,
  verifyCompletionCode,
  workshopId,
  type WorkshopSelection,
} from '../../../src/editor/workshop.ts';

const selection: WorkshopSelection = {
  title: 'Docker hardening, 3 June',
  exercises: ['12-run-as-non-root/01-add-an-app-user', '02-pin-base-images/01-name-a-version', '02-pin-base-images/02-pin-a-multi-stage-build'],
  hideSolutions: true,
};
const PIN = '02-pin-base-images/01-name-a-version';
const USER = '12-run-as-non-root/01-add-an-app-user';

describe('workshop links', () => {
  it('round-trip a selection in course order, with the title and the solutions switch', async () => {
    const link = await encodeWorkshopLink(selection);
    expect(link).toMatch(/^w1\.[A-Za-z0-9_-]+$/);
    expect(await decodeWorkshopLink(`https://example.test/workshop/join/#${link}`)).toEqual({
      title: 'Docker hardening, 3 June',
      exercises: ['02-pin-base-images/01-name-a-version', '02-pin-base-images/02-pin-a-multi-stage-build', '12-run-as-non-root/01-add-an-app-user'],
      hideSolutions: true,
    });
  });
  it('stay compact for a whole-course workshop', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `${String(1 + (i >> 1)).padStart(2, '0')}-a-lesson-about-something/${String(1 + (i & 1)).padStart(2, '0')}-do-the-thing`);
    const link = await encodeWorkshopLink({ title: 'All of it', exercises: many, hideSolutions: false });
    expect(link.length).toBeLessThan(JSON.stringify(many).length / 2);
  });
  it('refuse an empty selection', async () => {
    await expect(encodeWorkshopLink({ title: 'x', exercises: [], hideSolutions: false })).rejects.toThrow(/at least one/);
  });
  it.each(['', '#', '#v1.abc', '#w1.', '#w1.!!!', '#w1.AAAA', '#w2.abc', 'nonsense'])('reject %j without throwing', async (fragment) => {
    expect(await decodeWorkshopLink(fragment)).toBeNull();
  });
  it('normalise titles and drop malformed ids', () => {
    expect(normalizeSelection({ title: '  A \n workshop ', exercises: ['b/1', 'a/1', 'a/1', '../etc', 'no-slash'], hideSolutions: false })).toEqual({
      title: 'A workshop',
      exercises: ['a/1', 'b/1'],
      hideSolutions: false,
    });
  });
});

describe('workshop id', () => {
  it('depends on the title and the exercises, not on their order or the solutions switch', async () => {
    const id = await workshopId(selection);
    expect(id).toHaveLength(4);
    expect(await workshopId({ ...selection, exercises: [...selection.exercises].reverse(), hideSolutions: false })).toEqual(id);
    expect(await workshopId({ ...selection, title: 'Another day' })).not.toEqual(id);
    expect(await workshopId({ ...selection, exercises: selection.exercises.slice(1) })).not.toEqual(id);
  });
});

describe('answer hashes', () => {
  it('ignore line endings, trailing spaces and trailing blank lines', async () => {
    const a = await answerHash({ Dockerfile: 'FROM python:3.13\nUSER 10001\n' });
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(await answerHash({ Dockerfile: 'FROM python:3.13  \r\nUSER 10001\r\n\r\n' })).toBe(a);
    expect(await answerHash({ Dockerfile: 'FROM python:3.12\nUSER 10001\n' })).not.toBe(a);
  });
  it('include the .dockerignore', async () => {
    expect(normalizeAnswer({ '.dockerignore': '.git\n', Dockerfile: 'FROM x\n' })).toBe('FROM x\n\u0000.dockerignore\n.git');
    expect(await answerHash({ Dockerfile: 'FROM x', '.dockerignore': '.git' })).not.toBe(await answerHash({ Dockerfile: 'FROM x', '.dockerignore': '.env' }));
  });
});

describe('SHA-256 without crypto.subtle (pages served over plain http)', () => {
  it('matches the standard test vectors and crypto.subtle on any input, across block boundaries', async () => {
    expect(toHex(sha256Fallback(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256Fallback(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expect(sha256Fallback(bytes)).toEqual(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('checksum and base32', () => {
  it('CRC-32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('base32 round-trips any bytes and reads look-alikes leniently', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }));
    expect(base32Encode(new Uint8Array([0, 0]))).toBe('0000');
    expect(base32Decode('oolI')).toEqual(base32Decode('0011'));
    expect(base32Decode('U000')).toBeNull();
  });
  it('base32 rejects non-zero padding bits and a dangling character', () => {
    const text = base32Encode(new Uint8Array([255])); // 8 bits in 2 characters: 2 padding bits
    expect(text).toBe('ZW');
    expect(base32Decode('ZX')).toBeNull();
    expect(base32Decode('ZW0')).toBeNull();
  });
});

describe('completion codes', () => {
  const pinned = { Dockerfile: 'FROM python:3.13-slim-bookworm\nCMD ["python"]\n' };
  const user = { Dockerfile: 'FROM python:3.13-slim\nUSER 10001\n' };

  it('record which selected exercises passed, with answer hashes and the name', async () => {
    const code = await makeCompletionCode({ selection, learnerName: 'Ada Lovelace', passed: { [PIN]: pinned, [USER]: user, 'other/01-x': pinned } });
    expect(code).toMatch(/^SHIP-[0-9A-HJKMNP-TV-Z]+$/);
    expect(code.length).toBeLessThan(70);
    const check = await verifyCompletionCode(code, selection);
    expect(check).toEqual({
      ok: true,
      learnerName: 'Ada Lovelace',
      passed: [
        { id: PIN, hash: await answerHash(pinned) },
        { id: USER, hash: await answerHash(user) },
      ],
      notPassed: ['02-pin-base-images/02-pin-a-multi-stage-build'],
    });
  });

  it('work without a name and with nothing passed', async () => {
    const code = await makeCompletionCode({ selection, passed: {} });
    expect(await verifyCompletionCode(code, selection)).toEqual({ ok: true, learnerName: '', passed: [], notPassed: normalizeSelection(selection).exercises });
  });

  it('survive being pasted in lower case, wrapped or with look-alike letters', async () => {
    const code = await makeCompletionCode({ selection, learnerName: 'Grace', passed: { [PIN]: pinned } });
    const mangled = `  ${code.toLowerCase().replace(/(.{10})/g, '$1\n').replace(/0/g, 'o').replace(/1/g, 'l')}  `;
    expect(await verifyCompletionCode(mangled, selection)).toMatchObject({ ok: true, learnerName: 'Grace' });
  });

  it('keep non-ASCII names, cut at a character boundary', async () => {
    const long = 'Zoë Ångström-Nakamura 中村 '.repeat(4);
    const bounded = boundedName(long);
    expect(new TextEncoder().encode(bounded).length).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(long.replace(/\s+/g, ' ').startsWith(bounded)).toBe(true);
    const code = await makeCompletionCode({ selection, learnerName: long, passed: {} });
    expect(await verifyCompletionCode(code, selection)).toMatchObject({ ok: true, learnerName: bounded });
  });

  it('reject text that is not a code', async () => {
    for (const text of ['', 'hello', 'FROM python:3.13', 'w1.abcdef']) {
      expect(await verifyCompletionCode(text, selection)).toMatchObject({ ok: false, problem: 'not-a-code' });
    }
  });

  it('reject a code from another workshop (other title or other exercises), saying so', async () => {
    const other = await makeCompletionCode({ selection: { ...selection, title: 'Another class' }, passed: { [PIN]: pinned } });
    const result = await verifyCompletionCode(other, selection);
    expect(result).toMatchObject({ ok: false, problem: 'other-workshop' });
    expect(!result.ok && result.message).toMatch(/another workshop/);
    const fewer = await makeCompletionCode({ selection: { ...selection, exercises: [PIN] }, passed: { [PIN]: pinned } });
    expect(await verifyCompletionCode(fewer, selection)).toMatchObject({ ok: false, problem: 'other-workshop' });
  });

  it('detect every single-character change, a lost character and an added one (tampered or mistyped codes)', async () => {
    const code = await makeCompletionCode({ selection, learnerName: 'Linus', passed: { [PIN]: pinned, [USER]: user } });
    const body = code.slice(CODE_PREFIX.length);
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < body.length; i++) {
      for (const ch of alphabet) {
        if (ch === body[i]) continue;
        const tampered = CODE_PREFIX + body.slice(0, i) + ch + body.slice(i + 1);
        const result = await verifyCompletionCode(tampered, selection);
        expect(result.ok, `changing character ${i} to ${ch} went unnoticed`).toBe(false);
      }
    }
    expect(await verifyCompletionCode(code.slice(0, -1), selection)).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await verifyCompletionCode(code.slice(0, 20) + code.slice(21), selection)).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await verifyCompletionCode(`${code}7`, selection)).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await verifyCompletionCode(`${code}!`, selection)).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('reject a forged claim whose checksum was not recomputed (a passed bit flipped by hand)', async () => {
    const code = await makeCompletionCode({ selection, passed: { [PIN]: pinned } });
    const bytes = base32Decode(code.slice(CODE_PREFIX.length))!;
    bytes[6] |= 0x40; // claim the second exercise too
    expect(await verifyCompletionCode(CODE_PREFIX + base32Encode(bytes), selection)).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('report a code of an unknown format version', async () => {
    const code = await makeCompletionCode({ selection, passed: {} });
    const bytes = base32Decode(code.slice(CODE_PREFIX.length))!;
    const body = bytes.slice(0, -4);
    body[0] = 2;
    const crc = crc32(body);
    const reframed = new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
    expect(await verifyCompletionCode(CODE_PREFIX + base32Encode(reframed), selection)).toMatchObject({ ok: false, problem: 'version' });
  });

  it('round-trip any subset of passed exercises and any name (property)', async () => {
    const ids = normalizeSelection(selection).exercises;
    await fc.assert(
      fc.asyncProperty(fc.subarray(ids), fc.string({ maxLength: 30 }), fc.string({ minLength: 1, maxLength: 40 }), async (subset, name, text) => {
        const passed = Object.fromEntries(subset.map((id) => [id, { Dockerfile: `${text}\n${id}` }]));
        const result = await verifyCompletionCode(await makeCompletionCode({ selection, learnerName: name, passed }), selection);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.passed.map((p) => p.id)).toEqual(subset);
        expect(result.notPassed).toEqual(ids.filter((id) => !subset.includes(id)));
        expect(result.learnerName).toBe(boundedName(name));
      }),
      { numRuns: 60 },
    );
  });
});
