// Draws the app icon (a shield with a check mark on a blue tile) at every size the three
// platforms need and writes resources/icon.png (1024), resources/icons/NxN.png (Linux),
// resources/icon.ico (Windows: 16 to 256) and resources/icon.icns (macOS: 16 to 1024).
// Run with `node scripts/make-icons.mjs`; the results are committed, so packaging needs no tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Coverage of pixel (x, y) by the shield, the check mark and the rounded tile, 4x4 supersampled. */
function pixel(size, x, y) {
  let tile = 0;
  let shield = 0;
  let check = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) {
      const u = (x + (sx + 0.5) / 4) / size;
      const v = (y + (sy + 0.5) / 4) / size;
      const r = 0.2;
      const dx = Math.max(0, Math.abs(u - 0.5) - (0.5 - r - 0.03));
      const dy = Math.max(0, Math.abs(v - 0.5) - (0.5 - r - 0.03));
      if (dx * dx + dy * dy <= r * r) tile += 1;
      const half = v < 0.55 ? 0.3 : 0.3 * Math.sqrt(Math.max(0, 1 - ((v - 0.55) / 0.33) ** 2));
      if (v > 0.18 && v < 0.88 && Math.abs(u - 0.5) <= half) shield += 1;
      const onStroke = (ax, ay, bx, by) => {
        const t = Math.max(
          0,
          Math.min(
            1,
            ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
          ),
        );
        return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay))) < 0.045;
      };
      if (onStroke(0.36, 0.52, 0.46, 0.63) || onStroke(0.46, 0.63, 0.66, 0.4)) check += 1;
    }
  }
  const mix = (a, b, t) => Math.round(a + (b - a) * t);
  const s = shield / 16;
  const c = check / 16;
  let rgb = [33, 84, 166];
  rgb = rgb.map((value, i) => mix(value, [245, 248, 255][i], s));
  rgb = rgb.map((value, i) => mix(value, [33, 84, 166][i], c * s));
  return [...rgb, Math.round((tile / 16) * 255)];
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) Buffer.from(pixel(size, x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const images = new Map(sizes.map((size) => [size, png(size)]));

mkdirSync('resources/icons', { recursive: true });
writeFileSync('resources/icon.png', images.get(1024));
for (const size of sizes.filter((s) => s <= 512))
  writeFileSync(`resources/icons/${size}x${size}.png`, images.get(size));

// ICO: a directory of PNG images (Windows Vista and later read PNG entries).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const icoHeader = Buffer.alloc(6 + 16 * icoSizes.length);
icoHeader.writeUInt16LE(0, 0);
icoHeader.writeUInt16LE(1, 2);
icoHeader.writeUInt16LE(icoSizes.length, 4);
let offset = icoHeader.length;
icoSizes.forEach((size, i) => {
  const at = 6 + 16 * i;
  icoHeader.writeUInt8(size === 256 ? 0 : size, at);
  icoHeader.writeUInt8(size === 256 ? 0 : size, at + 1);
  icoHeader.writeUInt16LE(1, at + 4);
  icoHeader.writeUInt16LE(32, at + 6);
  icoHeader.writeUInt32LE(images.get(size).length, at + 8);
  icoHeader.writeUInt32LE(offset, at + 12);
  offset += images.get(size).length;
});
writeFileSync(
  'resources/icon.ico',
  Buffer.concat([icoHeader, ...icoSizes.map((s) => images.get(s))]),
);

// ICNS: PNG entries by type code (16, 32, 64 as retina pairs, 128 to 1024).
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const entries = icnsTypes.map(([type, size]) => {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(8 + images.get(size).length, 4);
  return Buffer.concat([head, images.get(size)]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
writeFileSync('resources/icon.icns', Buffer.concat([icnsHead, ...entries]));
