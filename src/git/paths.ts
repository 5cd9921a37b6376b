import { isUtf8 } from 'node:buffer';

/**
 * Decode a path (or any git byte string) without loss. Valid UTF-8 is decoded as is; a byte
 * sequence that is not UTF-8 has every byte >= 0x80 written as `\xNN` (and backslashes doubled),
 * so two different byte paths never decode to the same text.
 */
export function decodeGitBytes(buf: Buffer, start = 0, end = buf.length): string {
  const view = buf.subarray(start, end);
  if (isUtf8(view)) return view.toString('utf8');
  let out = '';
  for (const byte of view) {
    if (byte === 0x5c) out += '\\\\';
    else if (byte < 0x80) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
