// Avatars: a small image as a data: URL. What a client may upload is checked
// strictly (64 KB decoded, and the bytes must start like the declared image
// type), so a profile update cannot carry megabytes or something that is not
// an image; what the hub sends is read leniently, so an avatar stored before
// these limits still syncs.
import { z } from 'zod';

export const AVATAR_MAX_BYTES = 64 * 1024;

const AVATAR_TYPES = ['png', 'jpeg', 'webp', 'gif'] as const;
type AvatarType = (typeof AVATAR_TYPES)[number];

const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,([A-Za-z0-9+/]+={0,2})$/;
/** The base64 length of AVATAR_MAX_BYTES, plus the longest prefix: longer strings are refused before any decoding. */
const MAX_DATA_URL_LENGTH = Math.ceil(AVATAR_MAX_BYTES / 3) * 4 + 'data:image/jpeg;base64,'.length;

/** The first bytes of each image type (null: any byte). */
const SIGNATURES: Record<AvatarType, ReadonlyArray<ReadonlyArray<number | null>>> = {
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [
    [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
    [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  ],
  webp: [[0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]],
};

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

function leadingBytes(base64: string): number[] {
  // 16 base64 characters are 12 bytes, enough for every signature above.
  const head = base64.slice(0, 16);
  const binary = atob(head.length % 4 === 0 ? head : head.slice(0, head.length - (head.length % 4)));
  return Array.from(binary, (character) => character.charCodeAt(0));
}

function startsLike(type: AvatarType, base64: string): boolean {
  const bytes = leadingBytes(base64);
  return SIGNATURES[type].some((signature) => signature.every((byte, index) => byte === null || bytes[index] === byte));
}

const TYPE_MESSAGE = 'An avatar is a PNG, JPEG, WebP or GIF image';
const SIZE_MESSAGE = `An avatar image is at most ${AVATAR_MAX_BYTES / 1024} KB; choose a smaller one`;

/** An avatar a client uploads, or null for initials. */
export const avatarUploadSchema = z
  .string()
  .max(MAX_DATA_URL_LENGTH, SIZE_MESSAGE)
  .refine((url) => DATA_URL.test(url), { error: TYPE_MESSAGE, abort: true })
  .refine((url) => decodedLength(url.slice(url.indexOf(',') + 1)) <= AVATAR_MAX_BYTES, { error: SIZE_MESSAGE, abort: true })
  .refine(
    (url) => {
      const [, declared, base64] = DATA_URL.exec(url) ?? [];
      const type = AVATAR_TYPES.find((candidate) => candidate === declared);
      return type !== undefined && base64 !== undefined && startsLike(type, base64);
    },
    { error: 'The avatar file is not the image it says it is; choose a PNG, JPEG, WebP or GIF image' },
  )
  .nullable();
