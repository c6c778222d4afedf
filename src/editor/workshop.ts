/**
 * Workshop mode without a server: pure encoding, decoding and verification (no DOM, no storage), used
 * by the instructor page, the learner's workshop page and the unit tests.
 *
 * - A workshop link carries the selection (title, exercises, whether solutions are hidden) in its URL
 *   fragment: deflated JSON in base64url, like playground share links. Browsers never send fragments
 *   to a server.
 * - A completion code is what a learner hands back: `SHIP-` then Crockford base32 (no look-alike
 *   letters, survives chat apps and being read aloud) of a small binary record: version, the
 *   workshop's id, which selected exercises passed, a short SHA-256 of each passing text, the name,
 *   and a CRC-32 over all of it. The checksum catches copy mistakes (a lost, added or changed
 *   character); it is not a signature: a determined learner could forge a code, as with any
 *   client-only scheme. The text hashes let the instructor spot identical answers.
 */
import { fromBase64Url, pipe, toBase64Url } from './share.ts';

export const LINK_PREFIX = 'w1.';
export const CODE_PREFIX = 'SHIP-';
const CODE_VERSION = 1;
export const MAX_TITLE_LENGTH = 80;
export const MAX_NAME_BYTES = 48;
export const MAX_EXERCISES = 255;
/** Bytes of SHA-256 kept: of each passing text, and of the selection (the workshop id). */
export const HASH_BYTES = 4;
const EXERCISE_ID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/i;

export interface WorkshopSelection {
  title: string;
  /** Exercise ids (`02-pin-base-images/01-name-a-version`), sorted: course order. */
  exercises: string[];
  hideSolutions: boolean;
}

/** Trims and bounds the title, drops malformed ids, sorts and de-duplicates: equal selections encode equally. */
export function normalizeSelection(selection: WorkshopSelection): WorkshopSelection {
  const title = selection.title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
  const exercises = [...new Set(selection.exercises.filter((id) => EXERCISE_ID.test(id)))].sort().slice(0, MAX_EXERCISES);
  return { title, exercises, hideSolutions: selection.hideSolutions === true };
}

// --- links ---------------------------------------------------------------------------------------

/** The fragment of a workshop link (without `#`): exercises grouped by lesson, so lesson slugs appear once. */
export async function encodeWorkshopLink(selection: WorkshopSelection): Promise<string> {
  const s = normalizeSelection(selection);
  if (s.exercises.length === 0) throw new Error('a workshop needs at least one exercise');
  const byLesson: Record<string, string[]> = {};
  for (const id of s.exercises) {
    const [lesson, name] = id.split('/');
    (byLesson[lesson] ??= []).push(name);
  }
  const json = JSON.stringify({ t: s.title, h: s.hideSolutions ? 1 : 0, x: byLesson });
  return LINK_PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** Reads a workshop link's fragment; null (never a throw) when it is not one or is damaged. */
export async function decodeWorkshopLink(fragment: string): Promise<WorkshopSelection | null> {
  const text = fragment.trim().replace(/^.*#/, '');
  if (!text.startsWith(LINK_PREFIX)) return null;
  try {
    const bytes = await pipe(fromBase64Url(text.slice(LINK_PREFIX.length)), new DecompressionStream('deflate-raw'));
    const data: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    const d = data as Record<string, unknown>;
    if (typeof d.t !== 'string' || typeof d.x !== 'object' || d.x === null || Array.isArray(d.x)) return null;
    const exercises: string[] = [];
    for (const [lesson, names] of Object.entries(d.x as Record<string, unknown>)) {
      if (!Array.isArray(names)) return null;
      for (const name of names) if (typeof name === 'string') exercises.push(`${lesson}/${name}`);
    }
    const selection = normalizeSelection({ title: d.t, exercises, hideSolutions: d.h === 1 });
    return selection.exercises.length > 0 ? selection : null;
  } catch {
    return null;
  }
}

// --- hashes --------------------------------------------------------------------------------------

async function sha256(text: string): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  // crypto.subtle exists only in secure contexts: a workshop served over plain http on a LAN still works
  if (globalThis.crypto?.subtle) return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return sha256Fallback(bytes);
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 (FIPS 180-4) for pages without crypto.subtle; the unit tests compare it with crypto.subtle. */
export function sha256Fallback(message: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil((message.length + 9) / 64) * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor((message.length * 8) / 2 ** 32));
  view.setUint32(padded.length - 4, (message.length * 8) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((v, i) => outView.setUint32(i * 4, v));
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The workshop's identity: title and exercises (not the solutions switch, which changes no answer). */
export async function workshopId(selection: WorkshopSelection): Promise<Uint8Array> {
  const s = normalizeSelection(selection);
  return (await sha256(`shipshape-workshop-v1\n${s.title}\n${s.exercises.join('\n')}`)).slice(0, HASH_BYTES);
}

/**
 * An answer's text for hashing: line endings, trailing spaces and trailing blank lines do not count,
 * so the same answer typed on Windows or with an extra newline hashes the same.
 */
export function normalizeAnswer(files: Record<string, string>): string {
  const clean = (t: string) => t.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
  const others = Object.keys(files)
    .filter((n) => n !== 'Dockerfile')
    .sort();
  return [clean(files.Dockerfile ?? ''), ...others.map((n) => `\u0000${n}\n${clean(files[n])}`)].join('\n');
}

/** A short SHA-256 of an answer, shown to the instructor as 8 hex digits. */
export async function answerHash(files: Record<string, string>): Promise<string> {
  return toHex((await sha256(normalizeAnswer(files))).slice(0, HASH_BYTES));
}

// --- checksum and base32 -------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, as in zip and PNG): detects every error burst up to 32 bits, so any one mistyped character. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Crockford base32: case-insensitive, O reads as 0 and I/L as 1. Null for other characters or non-zero padding. */
export function base32Decode(text: string): Uint8Array | null {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const raw of text.toUpperCase()) {
    const ch = raw === 'O' ? '0' : raw === 'I' || raw === 'L' ? '1' : raw;
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    buffer = ((buffer << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  // the last character's unused bits are zero in every code we make: anything else is a copy mistake
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) return null;
  return new Uint8Array(out);
}

// --- completion codes ----------------------------------------------------------------------------

export interface CompletionInput {
  selection: WorkshopSelection;
  learnerName?: string;
  /** The passing text of each passed exercise, by id; ids outside the selection are ignored. */
  passed: Record<string, Record<string, string>>;
}

/** Cuts a name to MAX_NAME_BYTES of UTF-8 without splitting a character. */
export function boundedName(name: string): string {
  let out = '';
  for (const ch of name.replace(/\s+/g, ' ').trim()) {
    if (new TextEncoder().encode(out + ch).length > MAX_NAME_BYTES) break;
    out += ch;
  }
  return out;
}

export async function makeCompletionCode(input: CompletionInput): Promise<string> {
  const s = normalizeSelection(input.selection);
  if (s.exercises.length === 0) throw new Error('a workshop needs at least one exercise');
  const bytes: number[] = [CODE_VERSION, ...(await workshopId(s)), s.exercises.length];
  const bitmap = new Array<number>(Math.ceil(s.exercises.length / 8)).fill(0);
  const hashes: number[] = [];
  for (const [i, id] of s.exercises.entries()) {
    const files = input.passed[id];
    if (!files) continue;
    bitmap[i >> 3] |= 0x80 >> (i & 7);
    const hash = await answerHash(files);
    for (let k = 0; k < HASH_BYTES; k++) hashes.push(parseInt(hash.slice(k * 2, k * 2 + 2), 16));
  }
  const name = new TextEncoder().encode(boundedName(input.learnerName ?? ''));
  bytes.push(...bitmap, ...hashes, name.length, ...name);
  const body = new Uint8Array(bytes);
  const crc = crc32(body);
  const full = new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
  return CODE_PREFIX + base32Encode(full);
}

export type CodeProblem = 'not-a-code' | 'damaged' | 'version' | 'other-workshop';

export type CodeCheck =
  | {
      ok: true;
      learnerName: string;
      /** Passed exercises of the selection, each with its answer hash (8 hex digits). */
      passed: { id: string; hash: string }[];
      /** Selected exercises the code does not claim. */
      notPassed: string[];
    }
  | { ok: false; problem: CodeProblem; message: string };

const fail = (problem: CodeProblem, message: string): CodeCheck => ({ ok: false, problem, message });

/** Verifies one pasted code against the workshop selection; never throws. */
export async function verifyCompletionCode(code: string, selection: WorkshopSelection): Promise<CodeCheck> {
  const s = normalizeSelection(selection);
  const text = code.trim();
  if (!text.toUpperCase().startsWith(CODE_PREFIX)) {
    return fail('not-a-code', `This is not a Shipshape completion code: codes start with ${CODE_PREFIX}`);
  }
  const bytes = base32Decode(text.slice(CODE_PREFIX.length).replace(/[\s-]+/g, ''));
  const damaged = fail('damaged', 'This code is damaged: a character was lost, added or changed when it was copied. Ask the learner to copy it again.');
  if (!bytes || bytes.length < 12) return damaged;
  const body = bytes.subarray(0, bytes.length - 4);
  const stored = ((bytes[bytes.length - 4] << 24) | (bytes[bytes.length - 3] << 16) | (bytes[bytes.length - 2] << 8) | bytes[bytes.length - 1]) >>> 0;
  if (crc32(body) !== stored) return damaged;
  if (body[0] !== CODE_VERSION) {
    return fail('version', `This code was made by another version of Shipshape (format ${body[0]}): ask the learner to reload their workshop page and make a new one.`);
  }
  const id = toHex(body.subarray(1, 1 + HASH_BYTES));
  const ours = toHex(await workshopId(s));
  const count = body[1 + HASH_BYTES];
  if (id !== ours || count !== s.exercises.length) {
    return fail('other-workshop', `This code belongs to another workshop (workshop ${id}; this one is ${ours}): check that the learner used your link, with this title and these exercises.`);
  }
  let at = 2 + HASH_BYTES;
  const bitmap = body.subarray(at, at + Math.ceil(count / 8));
  at += bitmap.length;
  const passed: { id: string; hash: string }[] = [];
  const notPassed: string[] = [];
  for (const [i, exercise] of s.exercises.entries()) {
    if (bitmap[i >> 3] & (0x80 >> (i & 7))) {
      if (at + HASH_BYTES > body.length) return damaged;
      passed.push({ id: exercise, hash: toHex(body.subarray(at, at + HASH_BYTES)) });
      at += HASH_BYTES;
    } else notPassed.push(exercise);
  }
  const nameLength = body[at];
  if (nameLength === undefined || at + 1 + nameLength !== body.length) return damaged;
  let learnerName: string;
  try {
    learnerName = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(at + 1));
  } catch {
    return damaged;
  }
  return { ok: true, learnerName, passed, notPassed };
}
